// `npm test`: every check in order, then one closing line "N passed, N failed". Non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const tmp = join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

let passed = 0;
let failed = 0;
const failures: string[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds} s)`);
  return ok;
}

/** A step that is one check. */
function check(name: string, command: string, args: string[], env?: Record<string, string>): boolean {
  const ok = run(name, command, args, env);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

/** A vitest run: every test counts; a crash with no report counts as one failure. */
function vitest(name: string, args: string[], env?: Record<string, string>): boolean {
  const report = join(tmp, `${name}.json`);
  const ok = run(name, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  if (!existsSync(report)) {
    failed++;
    failures.push(`${name} (no report)`);
    return false;
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  if (json.numFailedTests || !ok) failures.push(name);
  if (!ok && json.numFailedTests === 0) failed++;
  return ok;
}

check('lint', 'npx', ['eslint', '.']);
check('typecheck', 'npx', ['tsc', '--noEmit']);
vitest('unit', []);
const chrome = check('build chrome', 'npx', ['wxt', 'build']);
if (chrome) check('bundle size budgets', 'npx', ['tsx', 'test/bench/check.ts', '--sizes-only']);
if (check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox'])) {
  check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--no-config-discovery']);
}
if (check('build e2e', 'npx', ['wxt', 'build', '--mode', 'e2e'])) {
  vitest('e2e', ['--config', 'vitest.e2e.config.ts'], { KEEPLINK_EXT_DIR: join(root, '.output', 'chrome-mv3-e2e'), KEEPLINK_PROD_EXT_DIR: join(root, '.output', 'chrome-mv3') });
}
// One Firefox at a time, after Chromium has closed: two browsers at once overload a 2-core machine.
if (check('build firefox e2e', 'npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e'])) {
  vitest('e2e-firefox', ['--config', 'vitest.firefox.config.ts'], { KEEPLINK_FIREFOX_EXT_DIR: join(root, '.output', 'firefox-mv3-e2e') });
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
