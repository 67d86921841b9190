// `npm run bench:check`: judges bench-results.json against the budgets; exits 1 on any miss.
// `--sizes-only` judges only what is deterministic, from the build folder itself (`--dir`, default
// .output/chrome-mv3): bundle sizes, the popup's request count and its prerendered shell. CI needs a build, no bench run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { judgePopupShell, judgeReport, judgeSizes, type BudgetVerdict } from './budgets';
import { buildDir, measureBuild } from './bundle-size';
import { readReport, reportPath } from './report';

const { values } = parseArgs({
  options: {
    'sizes-only': { type: 'boolean', default: false },
    dir: { type: 'string' },
    report: { type: 'string' },
  },
});

function verdicts(): BudgetVerdict[] {
  if (values['sizes-only']) {
    const dir = values.dir ?? buildDir();
    return [...judgeSizes(measureBuild(dir).firstLoad), ...judgePopupShell(readFileSync(join(dir, 'popup.html'), 'utf8'))];
  }
  return judgeReport(readReport(values.report ?? reportPath()));
}

let results: BudgetVerdict[];
try {
  results = verdicts();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.name.padEnd(width)}  ${r.measured}  budget ${r.budget}${r.miss ? `  — ${r.miss}` : ''}`);
}
const missed = results.filter((r) => !r.ok).length;
console.log(missed ? `\n${missed} of ${results.length} budgets missed` : `\nAll ${results.length} budgets met`);
process.exit(missed ? 1 : 0);
