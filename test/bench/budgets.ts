// Owns the performance budgets of issue 6 and how a bench report is judged against them.
import { BUDGETS_GZIP, type BundleSize } from './bundle-size';
import type { BenchReport } from './report';

export const BUDGETS = {
  gzipBytes: BUDGETS_GZIP,
  popupReadyOverBlankMs: 15,
  heapOverBlankBytes: 1024 * 1024,
  saveMedianMs: 10,
  drainMinPerSec: 200,
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

/** First-load gzip of popup, options and background; a missing entrypoint is a miss. */
export function judgeSizes(firstLoad: readonly BundleSize[]): BudgetVerdict[] {
  return Object.entries(BUDGETS.gzipBytes).map(([entry, budget]) => {
    const size = firstLoad.find((s) => s.entry === entry);
    const name = `${entry} first-load JS+CSS (gzip)`;
    if (!size) return { name, measured: 'not in the build', budget: `≤ ${kb(budget)}`, ok: false, miss: 'not measured: entrypoint missing' };
    return verdict(name, kb(size.gzip), `≤ ${kb(budget)}`, size.gzip - budget, kb);
  });
}

const missing = (name: string, budget: string, why: string | undefined): BudgetVerdict => ({
  name,
  measured: 'not measured',
  budget,
  ok: false,
  miss: `not measured: ${why ?? 'absent from the report'}`,
});

/** Every budget of issue 6 against a report; a measurement that did not run counts as a miss. */
export function judgeReport(report: BenchReport): BudgetVerdict[] {
  const verdicts = report.sizes ? judgeSizes(report.sizes.firstLoad) : [missing('bundle sizes', 'see issue 6', report.errors['sizes'])];
  const { popupReady, heap, save, drain, lookup } = report;

  const readyBudget = `≤ blank + ${BUDGETS.popupReadyOverBlankMs} ms (median)`;
  verdicts.push(
    popupReady
      ? verdict('popup ready − blank page', `${ms(popupReady.difference)} (${ms(popupReady.subject.median)} vs ${ms(popupReady.baseline.median)})`, readyBudget, popupReady.difference - BUDGETS.popupReadyOverBlankMs, ms)
      : missing('popup ready − blank page', readyBudget, report.errors['popupReady']),
  );

  const heapBudget = `≤ blank + ${mb(BUDGETS.heapOverBlankBytes)}`;
  verdicts.push(
    heap
      ? verdict('popup heap − blank page', `${mb(heap.difference)} (${mb(heap.subject.median)} vs ${mb(heap.baseline.median)})`, heapBudget, heap.difference - BUDGETS.heapOverBlankBytes, mb)
      : missing('popup heap − blank page', heapBudget, report.errors['heap']),
  );

  const saveBudget = `≤ ${BUDGETS.saveMedianMs} ms (median)`;
  verdicts.push(
    save
      ? verdict('save latency', ms(save.subject.median), saveBudget, save.subject.median - BUDGETS.saveMedianMs, ms)
      : missing('save latency', saveBudget, report.errors['save']),
  );

  const drainBudget = `≥ ${BUDGETS.drainMinPerSec} captures/s`;
  const perSec = (value: number) => `${value.toFixed(1)} captures/s`;
  verdicts.push(
    drain
      ? verdict('drain throughput', perSec(drain.capturesPerSec.median), drainBudget, BUDGETS.drainMinPerSec - drain.capturesPerSec.median, perSec)
      : missing('drain throughput', drainBudget, report.errors['drain']),
  );

  const lookupBudget = `≤ ${BUDGETS.lookupMaxRatio}× between the smallest and largest history`;
  if (!lookup) verdicts.push(missing('due-record lookup', lookupBudget, report.errors['lookup']));
  for (const [operation, value] of Object.entries(lookup?.ratios ?? {})) {
    verdicts.push(verdict(`due-record lookup: ${operation}`, `${value.toFixed(2)}×`, lookupBudget, value - BUDGETS.lookupMaxRatio, (n) => `${n.toFixed(2)}×`));
  }
  return verdicts;
}
