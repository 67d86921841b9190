// Owns one flush of the outbox: orphans failed, blocked destinations paused, the others drained (lib/sync/lanes.ts),
// every outcome settled under its lease.
import { keeplinkError, type KeeplinkError, type Result } from '../errors';
import type { FetchLike } from '../http';
import type { Settle } from '../outbox/lease';
import type { Outbox } from '../outbox/outbox';
import type { OutboxRecord } from '../outbox/record';
import type { TokenSessions } from '../providers/token-session';
import type { DestinationCommon, Provider } from '../providers/types';
import type { InvalidDestination } from '../settings';
import type { SyncConfig } from './config';
import { drainWith, leaseOf } from './lanes';
import { createPacer, type Pacer } from './pacer';

/** The Web Lock every context takes, so the popup, options page and worker never flush at once. */
export const FLUSH_LOCK = 'keeplink-flush';

/** The part of navigator.locks a flush uses (so tests can pass a fake). */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => T): Promise<T>;
}

export type FlushOutbox = Pick<Outbox, 'claimDue' | 'settleMany' | 'nextDueAt'>;

export interface FlushDestinations<D extends DestinationCommon = DestinationCommon> {
  valid: D[];
  /** Kept so their captures pause with the field to fix, instead of failing as orphans. */
  invalid: InvalidDestination[];
}

/** `D` is the destinations' type; `withProvider` runs a step with a destination's own provider (lib/providers). */
export interface FlushDeps<D extends DestinationCommon = DestinationCommon> {
  outbox: FlushOutbox;
  getDestinations(): Promise<FlushDestinations<D>>;
  withProvider<R>(destination: D, use: <E extends DestinationCommon>(provider: Provider<E>, destination: E) => R): R;
  hasPermission(destination: D): Promise<boolean>;
  fetch: FetchLike;
  now(): number;
  random(): number;
  config: SyncConfig;
  locks?: LockManagerLike;
  /** Keep one across flushes so a 429's slowdown outlives the flush that saw it. */
  pacer?: Pacer;
  sleep?(ms: number): Promise<void>;
  /** OAuth tokens for providers that have `auth` (wallabag); kept across flushes so a refresh is shared. */
  tokens?: TokenSessions;
}

export interface FlushReport {
  /** Requests that went out. */
  sent: number;
  synced: number;
  retried: number;
  failed: number;
  /** Settles that paused a destination. */
  paused: number;
  /** Settles refused because another claim had taken the record over. */
  stale: number;
  /** For the alarm: the earliest due time left. */
  nextDueAt: number | undefined;
  /** Set when storage failed and the flush stopped early. */
  error?: KeeplinkError;
}

const ORPHAN_BATCH = 50;

/** What the steps that never look at a destination's provider or settings need. */
export type FlushCore = Omit<FlushDeps, 'getDestinations' | 'withProvider' | 'hasPermission'>;

const BUCKETS = { synced: 'synced', retry: 'retried', failed: 'failed', paused: 'paused' } as const;

/** Delivers what is due, one flush at a time across contexts when a lock manager is given. */
export async function flushOutbox<D extends DestinationCommon>(deps: FlushDeps<D>): Promise<FlushReport> {
  if (deps.locks) return await deps.locks.request(FLUSH_LOCK, () => runFlush(deps));
  return runFlush(deps);
}

/** State shared by all lanes of one flush: counts, the record and time budget, and the stop switch. */
export class FlushRun {
  readonly report: FlushReport = { sent: 0, synced: 0, retried: 0, failed: 0, paused: 0, stale: 0, nextDueAt: undefined };
  private recordsLeft: number;
  private readonly deadline: number;

  constructor(private readonly deps: FlushCore) {
    this.recordsLeft = deps.config.maxRecordsPerFlush;
    this.deadline = deps.now() + deps.config.flushBudgetMs;
  }

  get stopped(): boolean {
    return this.report.error !== undefined || this.deps.now() >= this.deadline;
  }

  /** Takes room for `count` records from the budget; returns how many it got. */
  take(count: number): number {
    const granted = this.stopped ? 0 : Math.min(count, this.recordsLeft);
    this.recordsLeft -= granted;
    return granted;
  }

  giveBack(count: number): void {
    this.recordsLeft += count;
  }

  /** Unwraps a storage result; a failure stops the whole flush. */
  check<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    this.fail(result.error);
    return undefined;
  }

  fail(error: KeeplinkError): void {
    this.report.error ??= error;
  }

  /** Settles in one transaction and counts each: applied, or refused because the lease was lost. */
  async settle(settles: readonly Settle[]): Promise<void> {
    const applied = this.check(await this.deps.outbox.settleMany(settles));
    applied?.forEach((done, index) => {
      const { kind } = settles[index]!;
      if (!done) this.report.stale += 1;
      else if (kind !== 'released') this.report[BUCKETS[kind]] += 1;
    });
  }
}

async function runFlush<D extends DestinationCommon>(deps: FlushDeps<D>): Promise<FlushReport> {
  const run = new FlushRun(deps);
  const pacer = deps.pacer ?? createPacer(deps.config);
  // A capture saved while the settings are read may be for a destination saved just before it, which this read can
  // miss (reading them can wait on the browser, e.g. storage.managed): only older captures can be orphans.
  const settingsReadAt = deps.now();
  const { valid, invalid } = await deps.getDestinations();
  await failOrphans(deps, run, [...valid, ...invalid].map((destination) => destination.id), settingsReadAt);
  await Promise.all([
    ...invalid.map((destination) => pauseOne(deps, run, destination.id, destination.error)),
    // One destination's bug (a throwing permission check or request builder) blocks that destination alone.
    ...valid.map((destination) =>
      drainDestination(deps, run, pacer, destination).catch(() =>
        pauseOne(deps, run, destination.id, keeplinkError('request-build-failed')),
      ),
    ),
  ]);
  run.report.nextDueAt = await deps.outbox.nextDueAt();
  return run.report;
}

/** Records whose destination no longer exists fail visibly, without a request. */
async function failOrphans(deps: FlushCore, run: FlushRun, known: readonly string[], createdUpTo: number): Promise<void> {
  for (;;) {
    const room = run.take(ORPHAN_BATCH);
    if (room === 0) return;
    const claimed = run.check(
      await deps.outbox.claimDue({ now: deps.now(), limit: room, leaseMs: deps.config.leaseMs, excludeDestinations: known, createdUpTo }),
    );
    run.giveBack(room - (claimed?.length ?? 0));
    if (!claimed || claimed.length === 0) return;
    await run.settle(
      claimed.map((record) => ({
        kind: 'failed',
        id: record.id,
        leaseToken: leaseOf(record),
        error: keeplinkError('destination-missing', { details: { destinationId: record.destinationId } }),
        now: deps.now(),
        attempted: false,
      })),
    );
  }
}

/** Pauses the destination through one of its due records (a pause covers them all); nothing is sent. */
async function pauseOne(deps: FlushCore, run: FlushRun, destinationId: string, error: KeeplinkError): Promise<void> {
  const [record] = (await claimOne(deps, run, destinationId)) ?? [];
  if (!record) return;
  await run.settle([{ kind: 'paused', id: record.id, leaseToken: leaseOf(record), error, now: deps.now(), attempted: false }]);
}

/** No host permission pauses the destination; a check that throws (a base URL the browser rejects) too, with its own reason. */
async function permissionBlocker<D extends DestinationCommon>(deps: FlushDeps<D>, destination: D): Promise<KeeplinkError | undefined> {
  try {
    return (await deps.hasPermission(destination)) ? undefined : keeplinkError('permission-missing');
  } catch {
    return keeplinkError('permission-check-failed', { field: 'baseUrl' });
  }
}

async function drainDestination<D extends DestinationCommon>(deps: FlushDeps<D>, run: FlushRun, pacer: Pacer, destination: D): Promise<void> {
  const blocked = await permissionBlocker(deps, destination);
  if (blocked) return pauseOne(deps, run, destination.id, blocked);
  return deps.withProvider(destination, (provider, own) => drainWith(deps, run, pacer, provider, own));
}

async function claimOne(deps: FlushCore, run: FlushRun, destinationId: string): Promise<OutboxRecord[] | undefined> {
  return run.check(
    await deps.outbox.claimDue({ now: deps.now(), limit: 1, leaseMs: deps.config.leaseMs, destinationId }),
  );
}

