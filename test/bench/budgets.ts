// Owns the performance budgets (issue 12's, as ratios to baselines measured in the same run) and how a bench report
// and a build are judged against them.
import { BUDGETS_GZIP, type BundleSize } from './bundle-size';
import type { BenchReport } from './report';

export const BUDGETS = {
  gzipBytes: BUDGETS_GZIP,
  /** popup.html and one script: the CSS is inline and nothing is chained before ready. */
  popupFirstLoadRequests: 2,
  popupReadyOverBlankMs: 10,
  popupLoadOverBlankMs: 10,
  /** Below every peer measured in issue 12 (linkding +4.0 MB was the lightest). */
  heapOverBlankBytes: 1.5 * 1024 * 1024,
  /** Save click → durable, over a bare IndexedDB add from the same click. */
  saveOverBareAddRatio: 1.2,
  /** Drain with production pacing, over the pacing ceiling (destinations × per-destination rate). */
  drainMinRatioToCeiling: 0.8,
  lookupMaxRatio: 2,
} as const;

export interface BudgetVerdict {
  name: string;
  measured: string;
  budget: string;
  ok: boolean;
  /** Why it is a miss: how far over (or under) the budget, in its unit, or why it was not measured. */
  miss?: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function verdict(name: string, measured: string, budget: string, over: number, unit: (n: number) => string): BudgetVerdict {
  return over <= 0 ? { name, measured, budget, ok: true } : { name, measured, budget, ok: false, miss: `missed by ${unit(over)}` };
}

const missing = (name: string, budget: string, why: string | undefined): BudgetVerdict => ({
  name,
  measured: 'not measured',
  budget,
  ok: false,
  miss: `not measured: ${why ?? 'absent from the report'}`,
});

/** First-load gzip of popup, options and background, and the popup's request count; a missing entrypoint is a miss. */
export function judgeSizes(firstLoad: readonly BundleSize[]): BudgetVerdict[] {
  const verdicts: BudgetVerdict[] = Object.entries(BUDGETS.gzipBytes).map(([entry, budget]) => {
    const size = firstLoad.find((s) => s.entry === entry);
    const name = `${entry} first load (gzip)`;
    if (!size) return { name, measured: 'not in the build', budget: `≤ ${kb(budget)}`, ok: false, miss: 'not measured: entrypoint missing' };
    return verdict(name, kb(size.gzip), `≤ ${kb(budget)}`, size.gzip - budget, kb);
  });
  const popup = firstLoad.find((s) => s.entry === 'popup');
  const requests = 'popup first-load requests';
  const requestBudget = `≤ ${BUDGETS.popupFirstLoadRequests}`;
  verdicts.push(
    popup
      ? verdict(requests, `${popup.files.length} (${popup.files.join(', ')})`, requestBudget, popup.files.length - BUDGETS.popupFirstLoadRequests, (n) => `${n}`)
      : missing(requests, requestBudget, 'entrypoint missing'),
  );
  return verdicts;
}

/** The controls the prerendered popup must show before its script runs, by their `id`s in PopupApp. */
const SHELL_CONTROLS = ['title', 'url', 'destination', 'note', 'tags'] as const;

/** The built popup.html: the form is in the HTML (prerendered), and no stylesheet is fetched. */
export function judgePopupShell(html: string): BudgetVerdict[] {
  const app = /<div id="app">([\s\S]*?)<\/div>\s*<\/body>/.exec(html)?.[1] ?? '';
  const absent: string[] = [
    ...SHELL_CONTROLS.filter((id) => !new RegExp(`<(?:input|select|textarea)[^>]*\\sid="${id}"`).test(app)),
    ...(/<button type="submit"[^>]*>/.test(app) ? [] : ['Save']),
  ];
  const links = html.match(/<link[^>]*rel="stylesheet"[^>]*>/g) ?? [];
  return [
    absent.length
      ? { name: 'popup.html prerendered form', measured: `missing ${absent.join(', ')}`, budget: 'Title, URL, Destination, Note, Tags, Save', ok: false, miss: 'the shell is not the form' }
      : { name: 'popup.html prerendered form', measured: 'Title, URL, Destination, Note, Tags, Save', budget: 'Title, URL, Destination, Note, Tags, Save', ok: true },
    links.length
      ? { name: 'popup.html stylesheet requests', measured: String(links.length), budget: '0 (CSS inline)', ok: false, miss: `missed by ${links.length}` }
      : { name: 'popup.html stylesheet requests', measured: '0', budget: '0 (CSS inline)', ok: true },
  ];
}

/** Every budget against a report; a measurement that did not run counts as a miss. */
export function judgeReport(report: BenchReport): BudgetVerdict[] {
  const verdicts = report.sizes ? judgeSizes(report.sizes.firstLoad) : [missing('bundle sizes', 'see issue 6', report.errors['sizes'])];
  const { popupReady, popupLoad, heap, save, drain, lookup } = report;

  const readyBudget = `≤ blank + ${BUDGETS.popupReadyOverBlankMs} ms (median)`;
  verdicts.push(
    popupReady
      ? verdict('popup ready − blank page', `${ms(popupReady.difference)} (${ms(popupReady.subject.median)} vs ${ms(popupReady.baseline.median)})`, readyBudget, popupReady.difference - BUDGETS.popupReadyOverBlankMs, ms)
      : missing('popup ready − blank page', readyBudget, report.errors['popupReady']),
  );

  const loadBudget = `≤ blank + ${BUDGETS.popupLoadOverBlankMs} ms (median)`;
  verdicts.push(
    popupLoad
      ? verdict('popup load event − blank page', `${ms(popupLoad.difference)} (${ms(popupLoad.subject.median)} vs ${ms(popupLoad.baseline.median)})`, loadBudget, popupLoad.difference - BUDGETS.popupLoadOverBlankMs, ms)
      : missing('popup load event − blank page', loadBudget, report.errors['popupReady']),
  );

  const heapBudget = `≤ blank + ${mb(BUDGETS.heapOverBlankBytes)}`;
  verdicts.push(
    heap
      ? verdict('popup heap − blank page', `${mb(heap.difference)} (${mb(heap.subject.median)} vs ${mb(heap.baseline.median)})`, heapBudget, heap.difference - BUDGETS.heapOverBlankBytes, mb)
      : missing('popup heap − blank page', heapBudget, report.errors['heap']),
  );

  const ratio = (n: number) => `${n.toFixed(2)}×`;
  const saveBudget = `≤ ${ratio(BUDGETS.saveOverBareAddRatio)} a bare IndexedDB add (medians)`;
  verdicts.push(
    save
      ? verdict('save click → durable', `${ratio(save.ratio)} (${ms(save.subject.median)} vs ${ms(save.baseline.median)})`, saveBudget, save.ratio - BUDGETS.saveOverBareAddRatio, ratio)
      : missing('save click → durable', saveBudget, report.errors['save']),
  );

  const drainBudget = `≥ ${ratio(BUDGETS.drainMinRatioToCeiling)} the pacing ceiling`;
  verdicts.push(
    drain
      ? verdict(
          'drain, production pacing',
          `${ratio(drain.ratioToCeiling)} (${drain.capturesPerSec.median.toFixed(1)} of ${drain.pacingCeilingPerSec} captures/s)`,
          drainBudget,
          BUDGETS.drainMinRatioToCeiling - drain.ratioToCeiling,
          ratio,
        )
      : missing('drain, production pacing', drainBudget, report.errors['drain']),
  );

  const lookupBudget = `≤ ${BUDGETS.lookupMaxRatio}× between the smallest and largest history`;
  if (!lookup) verdicts.push(missing('due-record lookup', lookupBudget, report.errors['lookup']));
  for (const [operation, value] of Object.entries(lookup?.ratios ?? {})) {
    verdicts.push(verdict(`due-record lookup: ${operation}`, `${value.toFixed(2)}×`, lookupBudget, value - BUDGETS.lookupMaxRatio, (n) => `${n.toFixed(2)}×`));
  }
  return verdicts;
}
