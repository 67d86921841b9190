// `npm run bench`: builds, measures every figure of issues 6 and 12 in one process tree, prints the table and
// writes bench-results.json. Numbers only: `npm run bench:check` judges them against the budgets.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { providerIds } from '../../lib/providers';
import { launchExtension, type Harness } from '../e2e/harness/launch';
import { startPages } from '../sandbox/pages';
import { startSandbox } from '../sandbox/server';
import { BENCH_PAGES, prepareBenchExtension } from './bench-extension';
import { judgeReport } from './budgets';
import { buildForBench } from './build';
import { measureBuild } from './bundle-size';
import { sandboxDestinations, storeDestinations } from './destinations';
import { measureDrain } from './drain-bench';
import { bundleLabPage } from './lab-bundle';
import { measureLookup } from './lookup-bench';
import { measurePopupHeap, measurePopupReady, measureSaveLatency } from './popup-bench';
import { reportPath, writeReport, type BenchReport } from './report';
import { formatReport } from './table';
import { measureWake } from './wake-bench';

const SECTIONS = ['sizes', 'popupReady', 'heap', 'save', 'wake', 'drain', 'lookup'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    /** Reuse an existing production build (e.g. .output/chrome-mv3) instead of building one. */
    'prod-dir': { type: 'string' },
    /** Reuse an existing e2e build (e.g. .output/chrome-mv3-e2e). */
    'e2e-dir': { type: 'string' },
    /** Comma-separated subset of the sections, for working on one measurement. */
    only: { type: 'string' },
    /** Fewer runs of everything: a smoke run of the bench itself, not figures to quote. */
    quick: { type: 'boolean', default: false },
  },
});

const chosen = new Set<Section>(values.only ? (values.only.split(',') as Section[]) : SECTIONS);
for (const section of chosen) if (!SECTIONS.includes(section)) throw new Error(`Unknown section "${section}"; use ${SECTIONS.join(', ')}`);
const wants = (...sections: Section[]) => sections.some((section) => chosen.has(section));

const RUNS = values.quick
  ? { ready: 3, heap: 2, save: 2, wake: 2, drain: 1, unpaced: 1, lookupHistories: [100, 10_000], lookupBatches: 3 }
  : { ready: 15, heap: 5, save: 9, wake: 7, drain: 3, unpaced: 2, lookupHistories: [100, 10_000, 100_000], lookupBatches: 9 };
const PER_DESTINATION = 200;
/** Idle time after each bulk fill of the lookup database, so its compaction is not what gets timed. */
const LOOKUP_SETTLE_MS = 2_000;
const GRANT = ['http://127.0.0.1/*'];

const started = Date.now();
const tempRoot = mkdtempSync(join(tmpdir(), 'keeplink-bench-'));
// The harness puts its profile and Chromium's temp files under os.tmpdir(): keep them all in one folder.
process.env['TMPDIR'] = tempRoot;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
    process.exit(130);
  });
}

const report: BenchReport = {
  version: 1,
  createdAt: new Date().toISOString(),
  environment: {
    node: process.versions.node,
    chromium: 'not launched',
    cpus: cpus().length,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: [Number(loadavg()[0]!.toFixed(2))],
  },
  durationSeconds: 0,
  errors: {},
};

function log(message: string): void {
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

/** Runs one measurement; a failure is recorded in the report and the others still run. */
async function section<T>(name: Section, run: () => Promise<T>): Promise<T | undefined> {
  if (!chosen.has(name)) return undefined;
  log(`${name}…`);
  try {
    return await run();
  } catch (error) {
    report.errors[name] = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    log(`${name} failed: ${report.errors[name]}`);
    return undefined;
  }
}

async function launch(extensionDir: string): Promise<Harness> {
  const harness = await launchExtension({ extensionDir, grantOrigins: GRANT });
  const agent = await harness.evalInExtension(() => navigator.userAgent);
  report.environment.chromium = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(agent)?.[0] ?? agent;
  return harness;
}

async function openArticle(harness: Harness, pagesUrl: string): Promise<{ article: Page; tabId: number }> {
  const article = await harness.context.newPage();
  await article.goto(`${pagesUrl}/article.html`);
  return { article, tabId: await harness.tabIdOf(article) };
}

async function buildOnce(mode: 'production' | 'e2e', given: string | undefined): Promise<string> {
  if (given) return given;
  log(`building ${mode}…`);
  return buildForBench(mode, join(tempRoot, 'build'));
}

/** One browser's worth of sections: if the launch itself fails, each of them records why, and the rest of the bench goes on. */
async function phase(sections: Section[], run: () => Promise<void>): Promise<void> {
  const wanted = sections.filter((name) => chosen.has(name));
  if (wanted.length === 0) return;
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    for (const name of wanted) report.errors[name] ??= message;
    log(`${wanted.join(', ')} failed: ${message}`);
  }
}

async function main(): Promise<void> {
  log(`temporary folder ${tempRoot}`);
  const labScript = await bundleLabPage(join(tempRoot, 'lab'));
  const sandboxes = await Promise.all(providerIds.map((provider, index) => startSandbox({ port: 0, seed: 6 + index }).then((s) => [provider, s] as const)));
  const sandboxUrls = new Map(sandboxes.map(([provider, sandbox]) => [provider, sandbox.url]));
  const pages = await startPages({ port: 0 });
  const destinations = sandboxDestinations((provider) => sandboxUrls.get(provider)!);
  try {
    await phase(['sizes', 'popupReady', 'heap', 'save'], async () => {
      const prodDir = await buildOnce('production', values['prod-dir']);
      report.sizes = await section('sizes', async () => measureBuild(prodDir));
      if (!wants('popupReady', 'heap', 'save')) return;
      log('launching Chromium with the production build');
      const harness = await launch(prepareBenchExtension(prodDir, join(tempRoot, 'ext-production'), { labScript, wrapServiceWorker: false }));
      try {
        await storeDestinations(harness, destinations);
        const { article, tabId } = await openArticle(harness, pages.url);
        const opened = await section('popupReady', () => measurePopupReady(harness, tabId, RUNS.ready));
        report.popupReady = opened?.ready;
        report.popupLoad = opened?.load;
        report.heap = await section('heap', () => measurePopupHeap(harness, tabId, RUNS.heap));
        report.save = await section('save', () => measureSaveLatency(harness, article, pages.url, RUNS.save));
      } finally {
        await harness.close();
      }
    });
    await phase(['drain', 'wake', 'lookup'], async () => {
      const e2eDir = await buildOnce('e2e', values['e2e-dir']);
      log('launching Chromium with the e2e build');
      const harness = await launch(prepareBenchExtension(e2eDir, join(tempRoot, 'ext-e2e'), { labScript, wrapServiceWorker: true }));
      try {
        await storeDestinations(harness, destinations);
        const { article } = await openArticle(harness, pages.url);
        const lab = await harness.openExtensionPage(BENCH_PAGES.lab);
        await lab.waitForFunction(() => 'keeplinkBench' in globalThis, undefined, { timeout: 15_000 });
        report.drain = await section('drain', () =>
          measureDrain(harness, lab, destinations, [...sandboxUrls.values()], { runs: RUNS.drain, perDestination: PER_DESTINATION, unpacedRuns: RUNS.unpaced }),
        );
        report.wake = await section('wake', () => measureWake(harness, article, pages.url, RUNS.wake));
        // Last: filling 100,000 records leaves the database busy compacting for a while, which would slow the others.
        report.lookup = await section('lookup', () =>
          measureLookup(lab, { histories: RUNS.lookupHistories, batches: RUNS.lookupBatches, perBatch: 10, settleMs: LOOKUP_SETTLE_MS }),
        );
      } finally {
        await harness.close();
      }
    });
  } finally {
    await Promise.all([...sandboxes.map(([, sandbox]) => sandbox.close()), pages.close()]);
  }
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(error);
  report.errors['bench'] = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
  exitCode = 1;
} finally {
  rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
}
report.durationSeconds = (Date.now() - started) / 1000;
report.environment.loadAverage.push(Number(loadavg()[0]!.toFixed(2)));
writeReport(report);
console.log(`\n${formatReport(report, judgeReport(report))}\n\nWrote ${reportPath()}`);
if (Object.keys(report.errors).length) exitCode = 1;
// Vite and Playwright can leave handles open; the report is written, so end here.
process.exit(exitCode);
