// Drain throughput: 1,000 captures queued in one transaction in the real worker, delivered to the sandbox.
import type { Page } from 'playwright-core';
import type { CaptureInput } from '../../lib/capture';
import type { Destination } from '../../lib/providers';
import { DEFAULT_SYNC_CONFIG } from '../../lib/sync/config';
import type { Harness } from '../e2e/harness/launch';
import { pollUntil } from '../e2e/harness/with-timeout';
import type { KeeplinkBench } from './page/bench-page';
import type { BenchReport } from './report';
import { summarize } from './stats';

declare const keeplinkBench: KeeplinkBench;

type DrainFigures = NonNullable<BenchReport['drain']>;

interface Enqueued {
  startedAt: number;
  enqueuedAt: number;
  queued: number;
  rejected: number;
  error?: string;
}

interface Progress {
  synced: number;
  pending: number;
  other: number;
  lastSyncedAt: number;
  lastByDestination: Record<string, number>;
}

interface SandboxStats {
  totals: { requests: number; invalid: number; created: number };
  duplicates: unknown[];
}

const drainTimeoutMs = 120_000;

function inputs(destinations: Destination[], perDestination: number, run: string): CaptureInput[] {
  return destinations.flatMap((destination) =>
    Array.from({ length: perDestination }, (_, index) => ({
      page: { url: `https://example.com/drain/${run}/${destination.provider}/${index}`, title: `Drain ${run} ${index}` },
      source: 'bulk' as const,
      destinationId: destination.id,
    })),
  );
}

/** Reads this run's records straight from the outbox database, from an extension page (same origin as the worker). */
async function progress(harness: Harness, since: number): Promise<Progress> {
  return harness.evalInExtension(async (from) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('keeplink-outbox');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const records = await new Promise<Array<{ status: string; destinationId: string; syncedAt?: number }>>((resolve, reject) => {
        const request = db.transaction('records').objectStore('records').index('history').getAll(IDBKeyRange.lowerBound(from));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const out = { synced: 0, pending: 0, other: 0, lastSyncedAt: 0, lastByDestination: {} as Record<string, number> };
      for (const record of records) {
        if (record.status === 'synced') {
          out.synced++;
          out.lastSyncedAt = Math.max(out.lastSyncedAt, record.syncedAt ?? 0);
          out.lastByDestination[record.destinationId] = Math.max(out.lastByDestination[record.destinationId] ?? 0, record.syncedAt ?? 0);
        } else if (record.status === 'queued' || record.status === 'sending') out.pending++;
        else out.other++;
      }
      return out;
    } finally {
      db.close();
    }
  }, since);
}

/** Summed over the sandboxes (one per destination). */
async function sandboxStats(sandboxUrls: readonly string[]) {
  const all = await Promise.all(sandboxUrls.map(async (url) => (await (await fetch(`${url}/__sandbox/stats`)).json()) as SandboxStats));
  const sum = (pick: (stats: SandboxStats) => number) => all.reduce((total, stats) => total + pick(stats), 0);
  return {
    requests: sum((s) => s.totals.requests),
    created: sum((s) => s.totals.created),
    duplicates: sum((s) => s.duplicates.length),
    invalid: sum((s) => s.totals.invalid),
  };
}

async function drainOnce(harness: Harness, destinations: Destination[], perDestination: number, sandboxUrls: readonly string[], run: string) {
  await Promise.all(sandboxUrls.map((url) => fetch(`${url}/__sandbox/reset`, { method: 'POST' })));
  const worker = await harness.worker();
  const enqueued = await worker.evaluate(async (list) => {
    const hooks = (globalThis as unknown as { __keeplinkTest: { enqueueMany(inputs: unknown[]): Promise<{ queued: number; rejected: unknown[]; error?: { code: string } }> } }).__keeplinkTest;
    const startedAt = Date.now();
    const answer = await hooks.enqueueMany(list);
    return { startedAt, enqueuedAt: Date.now(), queued: answer.queued, rejected: answer.rejected.length, error: answer.error?.code } satisfies Enqueued;
  }, inputs(destinations, perDestination, run));
  const expected = destinations.length * perDestination;
  if (enqueued.queued !== expected) throw new Error(`enqueueMany queued ${enqueued.queued} of ${expected} (${enqueued.rejected} rejected, ${enqueued.error ?? 'no error'})`);
  const done = await pollUntil(
    async () => {
      const now = await progress(harness, enqueued.startedAt);
      if (now.other > 0) throw new Error(`${now.other} drain records failed or paused; the sandbox should accept every one`);
      return now.synced === expected ? now : undefined;
    },
    `all ${expected} captures to be synced`,
    { timeoutMs: drainTimeoutMs, intervalMs: 250 },
  );
  const seconds = (done.lastSyncedAt - enqueued.enqueuedAt) / 1000;
  const perDestinationPerSec = Object.fromEntries(
    Object.entries(done.lastByDestination).map(([id, last]) => [id, perDestination / ((last - enqueued.enqueuedAt) / 1000)]),
  );
  return { seconds, perSec: expected / seconds, enqueueMs: enqueued.enqueuedAt - enqueued.startedAt, perDestinationPerSec, stats: await sandboxStats(sandboxUrls) };
}

export interface DrainOptions {
  runs: number;
  perDestination: number;
  unpacedRuns: number;
}

export async function measureDrain(
  harness: Harness,
  lab: Page,
  destinations: Destination[],
  sandboxUrls: readonly string[],
  options: DrainOptions,
): Promise<DrainFigures> {
  const results: Awaited<ReturnType<typeof drainOnce>>[] = [];
  for (let run = 0; run < options.runs; run++) {
    results.push(await drainOnce(harness, destinations, options.perDestination, sandboxUrls, `${Date.now()}-${run}`));
  }
  const unpaced: number[] = [];
  for (let run = 0; run < options.unpacedRuns; run++) {
    const result = await lab.evaluate((o) => keeplinkBench.drainUnpaced(o), {
      destinations,
      perDestination: options.perDestination,
      ratePerSec: 100_000,
      concurrency: DEFAULT_SYNC_CONFIG.perDestinationConcurrency,
      tag: `${Date.now()}-${run}`,
    });
    if (result.synced !== result.captures) throw new Error(`The unpaced drain synced ${result.synced} of ${result.captures}`);
    unpaced.push(result.captures / result.seconds);
  }
  const outboxOnly: number[] = [];
  for (let run = 0; run < options.unpacedRuns; run++) {
    const lanes = destinations.length * DEFAULT_SYNC_CONFIG.perDestinationConcurrency;
    outboxOnly.push(await lab.evaluate((o) => keeplinkBench.outboxCycle(o), { captures: destinations.length * options.perDestination, lanes, tag: `${Date.now()}-${run}` }));
  }
  const requestsOnly: number[] = [];
  for (let run = 0; run < options.unpacedRuns; run++) {
    requestsOnly.push(
      await lab.evaluate((o) => keeplinkBench.requestsOnly(o), {
        destinations,
        perDestination: options.perDestination,
        concurrency: DEFAULT_SYNC_CONFIG.perDestinationConcurrency,
        tag: `${Date.now()}-${run}`,
      }),
    );
  }
  const last = results.at(-1)!.stats;
  const ceiling = destinations.length * DEFAULT_SYNC_CONFIG.perDestinationRatePerSec;
  const perSec = summarize(results.map((r) => r.perSec), 1);
  return {
    method:
      "The e2e build's worker: __keeplinkTest.enqueueMany (one transaction) then its own flush with production pacing " +
      `(${DEFAULT_SYNC_CONFIG.perDestinationConcurrency} concurrent, ${DEFAULT_SYNC_CONFIG.perDestinationRatePerSec} req/s per destination). ` +
      'From enqueueMany resolving to the last syncedAt among the run, read from the outbox in IndexedDB. ' +
      'Each destination has its own sandbox server (own port, so its own browser connection pool), as real destinations do.',
    captures: destinations.length * options.perDestination,
    destinations: destinations.length,
    capturesPerSec: perSec,
    seconds: summarize(results.map((r) => r.seconds)),
    enqueueMs: summarize(results.map((r) => r.enqueueMs), 1),
    perDestinationPerSec: Object.fromEntries(
      destinations.map((d) => [d.provider, summarize(results.map((r) => r.perDestinationPerSec[d.id] ?? 0), 1)]),
    ),
    pacingCeilingPerSec: ceiling,
    ratioToCeiling: Number((perSec.median / ceiling).toFixed(2)),
    sandbox: last,
    ...(unpaced.length
      ? {
          unpaced: {
            method:
              "Same captures and the same lib/sync flush code, run in the bench's extension page on its own database, with the rate cap lifted " +
              `(perDestinationRatePerSec 100000, still ${DEFAULT_SYNC_CONFIG.perDestinationConcurrency} concurrent per destination).`,
            capturesPerSec: summarize(unpaced, 1),
          },
        }
      : {}),
    ...(outboxOnly.length
      ? {
          outboxOnly: {
            method:
              'No network: the same number of lanes as the worker (destinations × concurrency) looping claimDue (limit 1) then markSynced ' +
              "on the bench's own database: the two readwrite transactions the flush commits per capture.",
            capturesPerSec: summarize(outboxOnly, 1),
          },
        }
      : {}),
    ...(requestsOnly.length
      ? {
          requestsOnly: {
            method:
              `No outbox and no pacing: per destination ${DEFAULT_SYNC_CONFIG.perDestinationConcurrency} lanes sending each capture's provider request ` +
              "(lib/http sendRequest) back to back from the bench's extension page: what the network and the sandboxes carry.",
            capturesPerSec: summarize(requestsOnly, 1),
          },
        }
      : {}),
  };
}
