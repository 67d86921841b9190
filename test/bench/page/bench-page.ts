// Runs inside the bench's own extension page: outbox lookups on Chromium's IndexedDB, and a drain with pacing lifted.
import type { CaptureInput } from '../../../lib/capture';
import type { Result } from '../../../lib/errors';
import { openOutboxDb } from '../../../lib/outbox/db';
import { createOutbox } from '../../../lib/outbox/outbox';
import type { OutboxRecord, OutboxStatus } from '../../../lib/outbox/record';
import { sendRequest } from '../../../lib/http';
import { originOf } from '../../../lib/origin';
import { prepareCapture } from '../../../lib/prepare-capture';
import { withProvider, type Destination } from '../../../lib/providers';
import { resolveSyncConfig } from '../../../lib/sync/config';
import { flushOutbox } from '../../../lib/sync/flush';
import { LOOKUP_OPERATIONS, type LookupOperation } from '../lookup-operations';

export interface LookupOptions {
  /** Delivered (synced) records already in history. */
  history: number;
  /** Queued records per destination, all due; claims take them one at a time. */
  queuedPerDestination: number;
  batches: number;
  perBatch: number;
  /** Idle time after the bulk fill, before timing. */
  settleMs: number;
}

/** Per-call milliseconds, one figure per batch (a batch averages `perBatch` calls: timers here tick in 0.1 ms). */
export type LookupTimings = Record<LookupOperation, number[]> & {
  history: number;
  populateMs: number;
  /** Reference: reading every record to find the earliest due one, as code without the index would. */
  fullScanMs: number;
};

export interface UnpacedDrainOptions {
  destinations: Destination[];
  perDestination: number;
  ratePerSec: number;
  concurrency: number;
  /** Makes this run's page URLs unique. */
  tag: string;
}

export interface UnpacedDrainResult {
  captures: number;
  synced: number;
  sent: number;
  seconds: number;
  flushes: number;
}

const DESTINATIONS = ['bench-d1', 'bench-d2', 'bench-d3', 'bench-d4', 'bench-d5'];
const POPULATE_CHUNK = 20_000;
const noNotify = () => undefined;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`deleting ${name} failed`));
  });
}

function benchRecord(index: number, status: OutboxStatus, destinationId: string, at: number): OutboxRecord {
  const id = crypto.randomUUID();
  const url = `https://example.com/history/${index}`;
  const record: OutboxRecord = {
    id,
    capture: { id, createdAt: at, source: 'bulk', page: { url, title: `History page ${index}` }, tags: [], destinationId },
    destinationId,
    normalizedUrl: url,
    status,
    createdAt: at,
    updatedAt: at,
    attempts: status === 'synced' ? 1 : 0,
    nextAttemptAt: at,
    retrySpentMs: 0,
  };
  return status === 'synced' ? { ...record, syncedAt: at, result: { id: `r${index}`, link: `https://example.com/r/${index}` } } : record;
}

async function populate(dbName: string, options: LookupOptions, now: number): Promise<void> {
  const db = await openOutboxDb(dbName);
  const records: OutboxRecord[] = [];
  // Delivered over the last 90 days, oldest first; the queued ones are due and interleaved in time.
  for (let i = 0; i < options.history; i++) {
    const at = now - 90 * 86_400_000 + Math.floor((i * 90 * 86_400_000) / Math.max(options.history, 1));
    records.push(benchRecord(i, 'synced', DESTINATIONS[i % DESTINATIONS.length]!, at));
  }
  for (let i = 0; i < options.queuedPerDestination * DESTINATIONS.length; i++) {
    records.push(benchRecord(options.history + i, 'queued', DESTINATIONS[i % DESTINATIONS.length]!, now - 60_000 + i));
  }
  for (let start = 0; start < records.length; start += POPULATE_CHUNK) {
    const tx = db.transaction('records', 'readwrite');
    for (const record of records.slice(start, start + POPULATE_CHUNK)) void tx.store.put(record);
    await tx.done;
  }
}

/**
 * Batches of `perBatch` back-to-back calls, the operations taking turns batch by batch, so whatever the
 * database does in the background after the bulk fill (compaction) falls on every operation alike.
 */
async function timeRoundRobin(operations: Record<LookupOperation, () => Promise<unknown>>, batches: number, perBatch: number) {
  const perCall = Object.fromEntries(LOOKUP_OPERATIONS.map((op) => [op, [] as number[]])) as Record<LookupOperation, number[]>;
  for (const op of LOOKUP_OPERATIONS) await operations[op]();
  for (let batch = 0; batch < batches; batch++) {
    for (const op of LOOKUP_OPERATIONS) {
      const started = performance.now();
      for (let call = 0; call < perBatch; call++) await operations[op]();
      perCall[op].push((performance.now() - started) / perBatch);
    }
  }
  return perCall;
}

/** Fills a fresh database with `history` delivered records plus due queued ones, then times the due-record lookups. */
async function lookup(options: LookupOptions): Promise<LookupTimings> {
  const dbName = `keeplink-bench-lookup-${options.history}`;
  await deleteDatabase(dbName);
  const now = Date.now();
  const populateStarted = performance.now();
  await populate(dbName, options, now);
  const populateMs = performance.now() - populateStarted;
  if (options.settleMs > 0) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  const outbox = createOutbox({ dbName, notify: noNotify });
  const claim = { now, limit: 1, leaseMs: 60_000 };
  const must = async (result: Promise<Result<unknown>>) => {
    const settled = await result;
    if (!settled.ok) throw new Error(`an outbox operation failed during the lookup bench: ${settled.error.code}`);
  };
  const perCall = await timeRoundRobin(
    {
      nextDueAt: () => outbox.nextDueAt(),
      claimDueForDestination: () => must(outbox.claimDue({ ...claim, destinationId: DESTINATIONS[0] })),
      claimDueAny: () => must(outbox.claimDue(claim)),
      // What each flush runs first: records whose destination is gone. It walks due queued records, never history.
      orphanCheck: () => must(outbox.claimDue({ ...claim, limit: 50, excludeDestinations: DESTINATIONS })),
    },
    options.batches,
    options.perBatch,
  );
  const db = await openOutboxDb(dbName);
  const scanStarted = performance.now();
  const all = await db.getAll('records');
  const earliest = Math.min(...all.filter((record) => record.status === 'queued').map((record) => record.nextAttemptAt));
  const fullScanMs = performance.now() - scanStarted;
  if (!Number.isFinite(earliest)) throw new Error('the lookup database lost its queued records');
  await deleteDatabase(dbName);
  return { history: options.history, populateMs, ...perCall, fullScanMs };
}

function capturesFor(destination: Destination, count: number, tag: string) {
  return Array.from({ length: count }, (_, index) => {
    const input: CaptureInput = {
      page: { url: `https://example.com/${tag}/${destination.id}/${index}`, title: `Unpaced ${index}` },
      source: 'bulk',
      destinationId: destination.id,
    };
    const prepared = prepareCapture(input, destination, { stripTracking: true });
    if (!prepared.ok) throw new Error(`capture for ${destination.provider} rejected: ${prepared.error.code}`);
    return prepared.value;
  });
}

/**
 * What the network and the sandboxes carry with no outbox and no pacing: per destination, `concurrency` lanes sending
 * each capture's provider request back to back (the flush's lanes, less IndexedDB). Returns captures per second.
 */
async function requestsOnly(options: Omit<UnpacedDrainOptions, 'ratePerSec'>): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    options.destinations.map(async (destination) => {
      const captures = capturesFor(destination, options.perDestination, `requests/${options.tag}`);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < captures.length) {
          const capture = captures[next++]!;
          const built = withProvider(destination, (provider, own) => provider.buildRequest(capture, own));
          if (!built.ok) throw new Error(`request for ${destination.provider} not built: ${built.error.code}`);
          const answer = await sendRequest(built.value, { fetch: (input, init) => fetch(input, init), timeoutMs: 25_000, idempotencyKey: capture.id, allowedOrigin: originOf(destination.baseUrl) });
          if (!answer.ok) throw new Error(`request to ${destination.provider} failed: ${answer.error.code}`);
          sent++;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, lane));
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

/** The worker's flush code with the per-destination rate cap lifted: what the rest of the pipeline can carry. */
async function drainUnpaced(options: UnpacedDrainOptions): Promise<UnpacedDrainResult> {
  const dbName = `keeplink-bench-drain-${options.tag}`;
  await deleteDatabase(dbName);
  const outbox = createOutbox({ dbName, notify: noNotify });
  const captures = options.destinations.flatMap((destination) => capturesFor(destination, options.perDestination, `unpaced/${options.tag}`));
  const queued = await outbox.enqueueMany(captures);
  if (!queued.ok) throw new Error(`enqueueMany failed: ${queued.error.code}`);
  const config = resolveSyncConfig({
    perDestinationRatePerSec: options.ratePerSec,
    perDestinationConcurrency: options.concurrency,
  });
  let synced = 0;
  let sent = 0;
  let flushes = 0;
  const started = performance.now();
  while (synced < captures.length && flushes < 10) {
    const report = await flushOutbox({
      outbox,
      getDestinations: async () => ({ valid: options.destinations, invalid: [] }),
      withProvider,
      hasPermission: async () => true,
      fetch: (input, init) => fetch(input, init),
      now: () => Date.now(),
      random: () => Math.random(),
      config,
    });
    flushes++;
    synced += report.synced;
    sent += report.sent;
    if (report.sent === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await deleteDatabase(dbName);
  return { captures: captures.length, synced, sent, seconds, flushes };
}

/**
 * The outbox's share of a delivery with no network: `lanes` concurrent loops of claimDue (limit 1) then
 * markSynced, the two readwrite transactions the flush runs per capture. Returns captures per second.
 */
async function outboxCycle(options: { captures: number; lanes: number; tag: string }): Promise<number> {
  const dbName = `keeplink-bench-cycle-${options.tag}`;
  await deleteDatabase(dbName);
  const outbox = createOutbox({ dbName, notify: noNotify });
  const now = Date.now();
  const db = await openOutboxDb(dbName);
  const tx = db.transaction('records', 'readwrite');
  for (let i = 0; i < options.captures; i++) void tx.store.put(benchRecord(i, 'queued', DESTINATIONS[i % DESTINATIONS.length]!, now - 1000));
  await tx.done;
  let settled = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    for (;;) {
      const claimed = await outbox.claimDue({ now, limit: 1, leaseMs: 60_000 });
      const record = claimed.ok ? claimed.value[0] : undefined;
      if (!record?.leaseToken) return;
      const synced = await outbox.markSynced(record.id, record.leaseToken, { result: { id: record.id } });
      if (synced.ok && synced.value) settled++;
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, lane));
  const seconds = (performance.now() - started) / 1000;
  await deleteDatabase(dbName);
  if (settled !== options.captures) throw new Error(`the outbox cycle settled ${settled} of ${options.captures}`);
  return settled / seconds;
}

export const keeplinkBench = { lookup, drainUnpaced, outboxCycle, requestsOnly };
export type KeeplinkBench = typeof keeplinkBench;

Object.assign(globalThis, { keeplinkBench });
