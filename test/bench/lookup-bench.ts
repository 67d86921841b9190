// Due-record lookup against a growing delivered history, on Chromium's IndexedDB through the bench's lab page.
import type { Page } from 'playwright-core';
import type { KeeplinkBench, LookupTimings } from './page/bench-page';
import { LOOKUP_OPERATIONS } from './lookup-operations';
import type { BenchReport, LookupSize } from './report';
import { ratio, summarize } from './stats';

declare const keeplinkBench: KeeplinkBench;

type LookupFigures = NonNullable<BenchReport['lookup']>;

export interface LookupOptions {
  histories: readonly number[];
  batches: number;
  perBatch: number;
  settleMs: number;
}

function toSize(timings: LookupTimings): LookupSize {
  return {
    history: timings.history,
    populateMs: Math.round(timings.populateMs),
    nextDueAt: summarize(timings.nextDueAt, 3),
    claimDueForDestination: summarize(timings.claimDueForDestination, 3),
    claimDueAny: summarize(timings.claimDueAny, 3),
    orphanCheck: summarize(timings.orphanCheck, 3),
    fullScanMs: Number(timings.fullScanMs.toFixed(1)),
  };
}

export async function measureLookup(lab: Page, options: LookupOptions): Promise<LookupFigures> {
  const sizes: LookupSize[] = [];
  for (const history of options.histories) {
    const timings = await lab.evaluate((o) => keeplinkBench.lookup(o), {
      history,
      // Enough due records for every claim the batches make (plus warm-up), in each destination.
      queuedPerDestination: 3 * (options.batches * options.perBatch + 2),
      batches: options.batches,
      perBatch: options.perBatch,
      settleMs: options.settleMs,
    });
    sizes.push(toSize(timings));
  }
  const smallest = sizes[0]!;
  const largest = sizes.at(-1)!;
  return {
    method:
      "lib/outbox createOutbox on Chromium's real IndexedDB, in the bench's extension page, one fresh database per history size: " +
      'N delivered records over 90 days plus due queued ones in 5 destinations. Each figure is the per-call mean of ' +
      `${options.perBatch} back-to-back calls; ${options.batches} batches. claimDue takes limit 1 (as each flush lane does); ` +
      "orphanCheck is the flush's claimDue with every destination excluded. fullScanMs is a reference: getAll of every record.",
    sizes,
    ratios: Object.fromEntries(LOOKUP_OPERATIONS.map((op) => [op, ratio(largest[op].median, smallest[op].median)])),
  };
}
