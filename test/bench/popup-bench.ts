// Popup measurements in headless Chromium: ready time, JS heap and save latency, each against a baseline page
// of the bench's own, loaded by the same browser and profile and interleaved run by run with the popup.
import type { Page } from 'playwright-core';
import type { Harness } from '../e2e/harness/launch';
import { withTimeout } from '../e2e/harness/with-timeout';
import { BASELINE_READY_MARK, BENCH_PAGES, BLANK_READY_MARK, BLANK_SCRIPT_MARK, POPUP_READY_MARK } from './bench-extension';
import { ratio, summarize, type Summary } from './stats';
import type { Comparison } from './report';

const stepTimeoutMs = 15_000;
/** After ready the popup still loads its save chunk and reads page metadata; let that finish before Save. */
const settleMs = 500;
/** Issue 12 weighs the heap 1 s after ready, when everything lazy has loaded. */
const heapSettleMs = 1_000;

interface Target {
  path: string;
  mark: string;
}

const popupTarget = (tabId: number): Target => ({ path: `popup.html?tabId=${tabId}`, mark: POPUP_READY_MARK });
const blankTarget: Target = { path: BENCH_PAGES.blank, mark: BLANK_READY_MARK };
const baselineTarget: Target = { path: BENCH_PAGES.idbBaseline, mark: BASELINE_READY_MARK };

function compare(unit: Comparison['unit'], method: string, baselineName: string, subject: number[], baseline: number[]): Comparison {
  const s = summarize(subject);
  const b = summarize(baseline);
  return { unit, method, baselineName, subject: s, baseline: b, ratio: ratio(s.median, b.median), difference: Number((s.median - b.median).toFixed(2)) };
}

/** Pairs of runs, alternating which goes first, so drift over the run falls on both sides alike. */
async function interleaved<T>(runs: number, warmup: number, subject: () => Promise<T>, baseline: () => Promise<T>) {
  const subjectRuns: T[] = [];
  const baselineRuns: T[] = [];
  for (let run = -warmup; run < runs; run++) {
    const order = run % 2 === 0 ? [subject, baseline] : [baseline, subject];
    const [first, second] = [await order[0]!(), await order[1]!()];
    if (run < 0) continue;
    const [s, b] = order[0] === subject ? [first, second] : [second, first];
    subjectRuns.push(s);
    baselineRuns.push(b);
  }
  return { subjectRuns, baselineRuns };
}

async function openUntilMark(harness: Harness, target: Target, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await harness.context.newPage();
  await prepare?.(page);
  await page.goto(harness.extensionUrl(target.path), { waitUntil: 'commit', timeout: stepTimeoutMs });
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, target.mark, { timeout: stepTimeoutMs });
  return page;
}

interface ReadyTimes {
  ready: number;
  /** The load event's start. */
  load: number;
  domContentLoaded: number;
  /** The blank page's script ran (its ready mark waits for the first frame after it). */
  script?: number;
}

/** Navigation start (the document's time origin) → the page's ready mark, with the milestones before it, in ms. */
async function readyTimes(harness: Harness, target: Target): Promise<ReadyTimes> {
  const page = await openUntilMark(harness, target);
  try {
    await page.waitForFunction(() => ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventStart ?? 0) > 0, undefined, {
      timeout: stepTimeoutMs,
    });
    return await page.evaluate(
      ({ mark, scriptMark }) => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return {
          ready: performance.getEntriesByName(mark)[0]!.startTime,
          load: navigation?.loadEventStart ?? NaN,
          domContentLoaded: navigation?.domContentLoadedEventStart ?? NaN,
          script: performance.getEntriesByName(scriptMark)[0]?.startTime,
        };
      },
      { mark: target.mark, scriptMark: BLANK_SCRIPT_MARK },
    );
  } finally {
    await page.close();
  }
}

/** Ready and the load event, from the same interleaved runs of the popup and the blank page. */
export async function measurePopupReady(harness: Harness, tabId: number, runs: number): Promise<{ ready: Comparison; load: Comparison }> {
  const { subjectRuns, baselineRuns } = await interleaved(runs, 2, () => readyTimes(harness, popupTarget(tabId)), () => readyTimes(harness, blankTarget));
  const scripts = baselineRuns.flatMap((r) => (r.script === undefined ? [] : [r.script]));
  const load = compare(
    'ms',
    "The same runs as ready: navigation start → the navigation entry's loadEventStart, popup and blank extension page.",
    'blank extension page',
    subjectRuns.map((r) => r.load),
    baselineRuns.map((r) => r.load),
  );
  const ready = {
    ...compare(
      'ms',
      `popup.html?tabId=N for a real http page on 127.0.0.1, opened in a new tab: navigation start → performance.mark('${POPUP_READY_MARK}'); ` +
          "baseline: the bench's blank extension page, whose one module script marks ready after the first frame, as Preact's " +
        'after-paint effect that sets the popup mark does (requestAnimationFrame, then a task). Pairs interleaved, 2 warm-up pairs dropped.',
      'blank extension page',
      subjectRuns.map((r) => r.ready),
      baselineRuns.map((r) => r.ready),
    ),
    milestones: {
      'popup DOMContentLoaded (modules run)': summarize(subjectRuns.map((r) => r.domContentLoaded)),
      'blank DOMContentLoaded (module run)': summarize(baselineRuns.map((r) => r.domContentLoaded)),
      ...(scripts.length ? { 'blank script mark (before its first frame)': summarize(scripts) } : {}),
    },
  };
  return { ready, load };
}

/**
 * JSHeapUsedSize of the renderer that hosts the extension's pages, after two forced GCs, with only the
 * measured page (and the harness's plain-text manifest page) open: the isolate is per process, so
 * the difference to the blank page is the popup's own heap.
 */
async function heapUsed(harness: Harness, target: Target): Promise<number> {
  const page = await openUntilMark(harness, target);
  try {
    await page.waitForTimeout(heapSettleMs);
    const session = await harness.context.newCDPSession(page);
    try {
      await session.send('HeapProfiler.collectGarbage');
      await session.send('HeapProfiler.collectGarbage');
      await session.send('Performance.enable');
      const { metrics } = await session.send('Performance.getMetrics');
      const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
      if (used === undefined) throw new Error('CDP Performance.getMetrics returned no JSHeapUsedSize');
      return used;
    } finally {
      await session.detach().catch(() => undefined);
    }
  } finally {
    await page.close();
  }
}

export async function measurePopupHeap(harness: Harness, tabId: number, runs: number): Promise<Comparison> {
  const { subjectRuns, baselineRuns } = await interleaved(runs, 1, () => heapUsed(harness, popupTarget(tabId)), () => heapUsed(harness, blankTarget));
  return compare(
    'bytes',
    `CDP HeapProfiler.collectGarbage ×2 then Performance.getMetrics JSHeapUsedSize of the extension's renderer, ${heapSettleMs} ms after the ready mark ` +
      '(save chunk and page metadata loaded), one page open at a time; baseline: the blank extension page.',
    'blank extension page',
    subjectRuns,
    baselineRuns,
  );
}

interface SaveProbe {
  click?: number;
  /** The first storage.local read after the click, and when it answered. */
  storageStart?: number;
  storageEnd?: number;
  /** The first readwrite transaction after the click (the enqueue's). */
  txStart?: number;
  /** When the record was added inside that transaction. */
  added?: number;
  durable?: number;
  /** The first IndexedDB open after the click, if the outbox connection was not open yet. */
  openStart?: number;
}

/**
 * Installed before the page's own scripts: the click on a submit button is the start; the record is durable
 * when the transaction that first writes it fires `complete`. The points in
 * between split the time for the analysis. (No named inner functions: tsx would wrap them in a helper the
 * page lacks.)
 */
function installSaveProbe(): void {
  const probe: SaveProbe = {};
  Object.defineProperty(globalThis, '__benchSave', { value: probe });
  addEventListener(
    'click',
    (event) => {
      if (probe.click === undefined && (event.target as Element | null)?.closest?.('button[type="submit"]')) probe.click = performance.now();
    },
    true,
  );
  const area = (globalThis as { chrome?: { storage?: { local?: { get(...args: unknown[]): unknown } } } }).chrome?.storage?.local;
  if (area) {
    const get = area.get;
    area.get = function (this: unknown, ...args: unknown[]) {
      const tracked = probe.click !== undefined && probe.storageStart === undefined;
      if (!tracked) return get.apply(this, args);
      probe.storageStart = performance.now();
      // Callback style (webextension-polyfill) or promise style (native chrome.*).
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = function (this: unknown, ...results: unknown[]) {
          probe.storageEnd ??= performance.now();
          return (callback as (...values: unknown[]) => unknown).apply(this, results);
        };
        return get.apply(this, args);
      }
      const answer = get.apply(this, args);
      void Promise.resolve(answer).then(() => {
        probe.storageEnd ??= performance.now();
      });
      return answer;
    };
  }
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    if (probe.click !== undefined) probe.openStart ??= performance.now();
    return open.apply(this, args);
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = transaction.apply(this, args);
    if (probe.click !== undefined && tx.mode === 'readwrite') probe.txStart ??= performance.now();
    return tx;
  } as IDBDatabase['transaction'];
  // The record's first write after the click: the baseline adds, the outbox puts (it decides about duplicates in the
  // same round trip, see lib/outbox/user-ops.ts). Durable when that write's transaction completes.
  for (const method of ['add', 'put'] as const) {
    const write = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const request = write.apply(this, args);
      if (probe.click !== undefined && probe.added === undefined && (method === 'add' || this.name === 'records')) {
        probe.added = performance.now();
        this.transaction.addEventListener('complete', () => {
          probe.durable ??= performance.now();
        });
      }
      return request;
    };
  }
}

type SaveTimes = Required<Pick<SaveProbe, 'click' | 'added' | 'durable'>> & SaveProbe;

async function saveTimes(harness: Harness, target: Target): Promise<SaveTimes> {
  const page = await openUntilMark(harness, target, (p) => p.addInitScript(installSaveProbe));
  try {
    await page.waitForTimeout(settleMs);
    await page.getByRole('button', { name: 'Save', exact: true }).click({ timeout: stepTimeoutMs });
    await page.waitForFunction(() => (globalThis as unknown as { __benchSave: SaveProbe }).__benchSave.durable !== undefined, undefined, {
      timeout: stepTimeoutMs,
    });
    return (await page.evaluate(() => ({ ...(globalThis as unknown as { __benchSave: SaveProbe }).__benchSave }))) as SaveTimes;
  } finally {
    await page.close();
  }
}

const SAVE_POINTS: ReadonlyArray<[keyof SaveProbe, string]> = [
  ['click', 'click'],
  ['storageStart', 'storage read'],
  ['storageEnd', 'storage answered'],
  ['openStart', 'IndexedDB open'],
  ['txStart', 'transaction'],
  ['added', 'add'],
  ['durable', 'commit'],
];

/** Where a save's time goes: the median of each step between the probe's points (a point a run lacks is skipped). */
function saveSplit(runs: SaveTimes[]): Record<string, Summary> {
  const steps = new Map<string, number[]>();
  for (const run of runs) {
    const present = SAVE_POINTS.filter(([key]) => run[key] !== undefined);
    for (let i = 1; i < present.length; i++) {
      const [fromKey, from] = present[i - 1]!;
      const [toKey, to] = present[i]!;
      const name = `save: ${from} → ${to}`;
      steps.set(name, [...(steps.get(name) ?? []), run[toKey]! - run[fromKey]!]);
    }
  }
  return Object.fromEntries([...steps].map(([name, values]) => [name, summarize(values)]));
}

/** Each popup run saves a different page of the same tab, so no run is answered by the already-queued check. */
export async function measureSaveLatency(harness: Harness, article: Page, pagesUrl: string, runs: number): Promise<Comparison> {
  let run = 0;
  const popupSave = async () => {
    await withTimeout(article.goto(`${pagesUrl}/page/bench-save-${Date.now()}-${run++}.html`), stepTimeoutMs, 'loading the page to save');
    return saveTimes(harness, popupTarget(await harness.tabIdOf(article)));
  };
  const { subjectRuns, baselineRuns } = await interleaved(runs, 1, popupSave, () => saveTimes(harness, baselineTarget));
  const total = (t: SaveTimes) => t.durable - t.click;
  return {
    ...compare(
      'ms',
      `A fresh popup per run, Save clicked ${settleMs} ms after ready (save chunk loaded): capturing click listener → 'complete' of the ` +
        'transaction that first writes the record (IDBObjectStore.prototype.add and put wrapped by an init script; no popup code changed). ' +
        "Baseline: the bench's page whose Save opens an existing database and commits one add, timed the same way.",
      'bare IndexedDB add',
      subjectRuns.map(total),
      baselineRuns.map(total),
    ),
    milestones: saveSplit(subjectRuns),
  };
}
