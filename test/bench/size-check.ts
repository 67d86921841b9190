// CI's deterministic budget check: first-load JS+CSS per entrypoint against its gzip budget.
// The popup budget is enforced from the start; `--all` also enforces options and background.
import { BUDGETS_GZIP, buildDir, measureBuild } from './bundle-size';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const { firstLoad, lazy } = measureBuild(buildDir());
const enforced = process.argv.includes('--all') ? Object.keys(BUDGETS_GZIP) : ['popup'];
let failed = 0;
for (const size of firstLoad) {
  const budget = BUDGETS_GZIP[size.entry as keyof typeof BUDGETS_GZIP];
  const ok = budget === undefined || size.gzip <= budget;
  const counts = enforced.includes(size.entry);
  if (!ok && counts) failed++;
  console.log(`${ok ? 'ok  ' : counts ? 'FAIL' : 'over'} ${size.entry.padEnd(12)} ${kb(size.gzip).padStart(9)} gzip ${kb(size.raw).padStart(9)} raw  budget ${budget ? kb(budget) : '-'}  (${size.files.join(', ')})`);
}
for (const size of lazy) console.log(`     ${size.entry.padEnd(19)} ${kb(size.gzip).padStart(9)} gzip ${kb(size.raw).padStart(9)} raw`);
if (!firstLoad.some((s) => s.entry === 'popup')) {
  console.log('FAIL popup not found in the build');
  failed++;
}
process.exit(failed ? 1 : 0);
