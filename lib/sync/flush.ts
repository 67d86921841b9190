// Owns one flush of the outbox: claim due records under a lease, send them paced, settle every outcome.
import { originOf } from '../origin';
import { keeplinkError, type KeeplinkError, type Result } from '../errors';
import { sendRequest, type FetchLike } from '../http';
import type { Outbox } from '../outbox/outbox';
import type { OutboxRecord } from '../outbox/record';
import type { TokenSessions } from '../providers/token-session';
import type { DestinationCommon, Outcome, Provider, ProviderRequest } from '../providers/types';
import type { InvalidDestination } from '../settings';
import { retryDelay } from './backoff';
import type { SyncConfig } from './config';
import { countRetryTime, expiredError, isRetryExpired } from './expiry';
import { createPacer, type Pacer } from './pacer';
import { redactOutcome } from '../redact';

/** The Web Lock every context takes, so the popup, options page and worker never flush at once. */
export const FLUSH_LOCK = 'keeplink-flush';

/** The part of navigator.locks a flush uses (so tests can pass a fake). */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => T): Promise<T>;
}

export type FlushOutbox = Pick<
  Outbox,
  'claimDue' | 'markSynced' | 'markRetry' | 'markFailed' | 'pauseDestination' | 'nextDueAt'
>;

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

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delivers what is due, one flush at a time across contexts when a lock manager is given. */
/** What the steps that never look at a destination's provider or settings need. */
type FlushCore = Omit<FlushDeps, 'getDestinations' | 'withProvider' | 'hasPermission'>;

export async function flushOutbox<D extends DestinationCommon>(deps: FlushDeps<D>): Promise<FlushReport> {
  if (deps.locks) return await deps.locks.request(FLUSH_LOCK, () => runFlush(deps));
  return runFlush(deps);
}

/** State shared by all lanes of one flush: counts, the record and time budget, and the stop switch. */
class FlushRun {
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
    this.report.error ??= result.error;
    return undefined;
  }

  /** Counts a settle: applied, or refused because the lease was lost. */
  settled(result: Result<boolean>, bucket: 'synced' | 'retried' | 'failed' | 'paused'): void {
    const applied = this.check(result);
    if (applied === true) this.report[bucket] += 1;
    else if (applied === false) this.report.stale += 1;
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
    for (const record of claimed) {
      run.settled(
        await deps.outbox.markFailed(record.id, leaseOf(record), {
          error: keeplinkError('destination-missing', { details: { destinationId: record.destinationId } }),
          now: deps.now(),
          attempted: false,
        }),
        'failed',
      );
    }
  }
}

/** Pauses the destination through one of its due records (a pause covers them all); nothing is sent. */
async function pauseOne(deps: FlushCore, run: FlushRun, destinationId: string, error: KeeplinkError): Promise<void> {
  const [record] = (await claimOne(deps, run, destinationId)) ?? [];
  if (!record) return;
  run.settled(await deps.outbox.pauseDestination(record.id, leaseOf(record), { error, now: deps.now(), attempted: false }), 'paused');
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

async function drainWith<E extends DestinationCommon>(deps: FlushCore, run: FlushRun, pacer: Pacer, provider: Provider<E>, destination: E): Promise<void> {
  const lane = async (): Promise<void> => {
    for (;;) {
      if (run.take(1) === 0) return;
      // Paced before the claim, so a lease only ever covers the request itself.
      const wait = pacer.reserve(destination.id, deps.now());
      if (wait > 0) await (deps.sleep ?? defaultSleep)(wait);
      const [record] = (run.stopped ? undefined : await claimOne(deps, run, destination.id)) ?? [];
      if (!record) {
        pacer.refund(destination.id);
        run.giveBack(1);
        return;
      }
      await deliver(deps, run, pacer, provider, destination, record);
    }
  };
  await Promise.all(Array.from({ length: deps.config.perDestinationConcurrency }, lane));
}

async function claimOne(deps: FlushCore, run: FlushRun, destinationId: string): Promise<OutboxRecord[] | undefined> {
  return run.check(
    await deps.outbox.claimDue({ now: deps.now(), limit: 1, leaseMs: deps.config.leaseMs, destinationId }),
  );
}

function leaseOf(record: OutboxRecord): string {
  // claimDue always sets one; an absent token could never match, so the settle is refused.
  return record.leaseToken ?? '';
}

/** A transport failure: retry what may pass later (network, timeout); pause on what needs the user (scheme, origin). */
function transportOutcome(error: KeeplinkError): Outcome {
  return error.retryable ? { kind: 'retry', error } : { kind: 'paused', error };
}

async function deliver<E extends DestinationCommon>(
  deps: FlushCore,
  run: FlushRun,
  pacer: Pacer,
  provider: Provider<E>,
  destination: E,
  record: OutboxRecord,
): Promise<void> {
  const lease = leaseOf(record);
  let built: Result<ProviderRequest>;
  try {
    built = provider.buildRequest(record.capture, destination);
  } catch {
    // A builder that throws is a bug for every capture of this destination, not this one's fault: pause, keep them all.
    run.settled(
      await deps.outbox.pauseDestination(record.id, lease, { error: keeplinkError('request-build-failed'), now: deps.now(), attempted: false }),
      'paused',
    );
    return;
  }
  if (!built.ok) {
    run.settled(await deps.outbox.markFailed(record.id, lease, { error: built.error, now: deps.now(), attempted: false }), 'failed');
    return;
  }
  run.report.sent += 1;
  const send = (request: ProviderRequest) =>
    sendRequest(request, { fetch: deps.fetch, timeoutMs: deps.config.requestTimeoutMs, idempotencyKey: record.id, allowedOrigin: originOf(destination.baseUrl) });
  // The one hook for OAuth: the session adds the token, and renews it (once for all lanes) before expiry or after a 401.
  const answer = provider.auth && deps.tokens ? await deps.tokens.send(provider.auth, destination, built.value, send) : await send(built.value);
  const now = deps.now();
  const outcome = redactOutcome(answer.ok ? provider.classify(answer.value, record.capture) : transportOutcome(answer.error), destination.apiKey);
  if (outcome.kind === 'retry' && outcome.slowDown) pacer.slowDown(destination.id, now);

  switch (outcome.kind) {
    case 'synced':
      run.settled(await deps.outbox.markSynced(record.id, lease, { result: outcome.result, warning: outcome.warning, now }), 'synced');
      return;
    case 'failed':
      run.settled(await deps.outbox.markFailed(record.id, lease, { error: outcome.error, now }), 'failed');
      return;
    case 'paused':
      run.settled(await deps.outbox.pauseDestination(record.id, lease, { error: outcome.error, now }), 'paused');
      return;
    case 'retry': {
      const attempts = record.attempts + 1;
      if (outcome.pauseAfterAttempts !== undefined && attempts >= outcome.pauseAfterAttempts) {
        run.settled(await deps.outbox.pauseDestination(record.id, lease, { error: outcome.error, now }), 'paused');
        return;
      }
      const retrySpentMs = countRetryTime(record, now, deps.config);
      if (isRetryExpired(retrySpentMs, attempts, deps.config)) {
        const error = expiredError(outcome.error, attempts, retrySpentMs);
        run.settled(await deps.outbox.markFailed(record.id, lease, { error, now, retrySpentMs }), 'failed');
        return;
      }
      const nextAttemptAt = now + retryDelay(outcome.retryAfterMs, attempts, deps.config, deps.random);
      run.settled(
        await deps.outbox.markRetry(record.id, lease, { error: outcome.error, nextAttemptAt, retrySpentMs, now }),
        'retried',
      );
    }
  }
}
