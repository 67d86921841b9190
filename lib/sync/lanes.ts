// Owns one destination's share of a flush: its due records claimed a batch at a time ahead of the sends, sent paced
// by at most `perDestinationConcurrency` lanes, each outcome settled under its lease.
import { originOf } from '../origin';
import { keeplinkError, type KeeplinkError, type Result } from '../errors';
import { sendRequest } from '../http';
import type { Settle } from '../outbox/lease';
import type { OutboxRecord } from '../outbox/record';
import type { DestinationCommon, Outcome, Provider, ProviderRequest } from '../providers/types';
import { redactOutcome } from '../redact';
import { retryDelay } from './backoff';
import type { FlushCore, FlushRun } from './flush';
import { countRetryTime, expiredError, isRetryExpired } from './expiry';
import type { Pacer } from './pacer';

/**
 * A claim takes this much of the destination's sends ahead, at its current rate: one transaction leases many
 * records, and the next batch is claimed while this one is sent, so no lane waits on a claim's commit. Short, so a
 * claimed record waits little before its request (its lease covers the wait and the request).
 */
const CLAIM_AHEAD_MS = 200;
const MAX_CLAIM = 10;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function leaseOf(record: OutboxRecord): string {
  // claimDue always sets one; an absent token could never match, so the settle is refused.
  return record.leaseToken ?? '';
}

/** A claimed record that was not sent goes back as it was: due again from when it was claimed. */
export const releaseOf = (core: FlushCore, record: OutboxRecord): Settle => ({
  kind: 'released',
  id: record.id,
  leaseToken: leaseOf(record),
  dueAt: record.nextAttemptAt - core.config.leaseMs,
  now: core.now(),
});

/** The destination's claimed records, refilled ahead of the lanes; what is left unsent is released at the end. */
function claimQueue(core: FlushCore, run: FlushRun, pacer: Pacer, destinationId: string) {
  const ready: OutboxRecord[] = [];
  const unsent: OutboxRecord[] = [];
  let refill: Promise<void> | undefined;
  let exhausted = false;
  let halted = false;
  let lowWater = 1;

  const claimMore = async (): Promise<void> => {
    const wanted = Math.max(1, Math.min(MAX_CLAIM, Math.floor((pacer.rate(destinationId, core.now()) * CLAIM_AHEAD_MS) / 1000)));
    lowWater = Math.ceil(wanted / 2);
    const room = run.take(wanted);
    if (room === 0) {
      exhausted = true;
      return;
    }
    const claimed = run.check(await core.outbox.claimDue({ now: core.now(), limit: room, leaseMs: core.config.leaseMs, destinationId })) ?? [];
    run.giveBack(room - claimed.length);
    if (claimed.length === 0) exhausted = true;
    (halted ? unsent : ready).push(...claimed);
  };
  const startRefill = (): Promise<void> =>
    (refill ??= claimMore()
      .catch(() => run.fail(keeplinkError('storage-failed')))
      .finally(() => {
        refill = undefined;
      }));
  const open = () => !exhausted && !halted && !run.stopped;

  return {
    async next(): Promise<OutboxRecord | undefined> {
      while (ready.length === 0) {
        if (!open()) return undefined;
        await startRefill();
      }
      const record = ready.shift();
      if (ready.length < lowWater && open()) void startRefill();
      return record;
    },
    get halted(): boolean {
      return halted;
    },
    /** The destination paused: nothing more of it is sent in this flush. */
    halt(): void {
      halted = true;
      unsent.push(...ready.splice(0));
    },
    setAside(record: OutboxRecord): void {
      unsent.push(record);
    },
    async releaseUnsent(): Promise<void> {
      await refill;
      const left = [...unsent, ...ready.splice(0)];
      if (left.length > 0) await run.settle(left.map((record) => releaseOf(core, record)));
    },
  };
}

export async function drainWith<E extends DestinationCommon>(core: FlushCore, run: FlushRun, pacer: Pacer, provider: Provider<E>, destination: E): Promise<void> {
  const claims = claimQueue(core, run, pacer, destination.id);
  const lane = async (): Promise<void> => {
    let settling: Promise<void> = Promise.resolve();
    for (;;) {
      const record = await claims.next();
      if (!record) break;
      const wait = pacer.reserve(destination.id, core.now());
      // The previous settle commits while this send waits for its slot; it has committed (or stopped the flush)
      // before the next request goes out.
      await Promise.all([wait > 0 ? (core.sleep ?? defaultSleep)(wait) : undefined, settling]);
      if (run.stopped || claims.halted) {
        pacer.refund(destination.id);
        claims.setAside(record);
        break;
      }
      // A live sender never loses its lease: a record that waited too long for its slot goes back unsent.
      if (record.nextAttemptAt - core.now() <= core.config.requestTimeoutMs) {
        pacer.refund(destination.id);
        claims.setAside(record);
        continue;
      }
      const settle = await deliver(core, run, pacer, provider, destination, record);
      if (settle.kind === 'paused') claims.halt();
      settling = run.settle([settle]);
    }
    await settling;
  };
  try {
    await Promise.all(Array.from({ length: core.config.perDestinationConcurrency }, lane));
  } finally {
    await claims.releaseUnsent();
  }
}

/** A transport failure: retry what may pass later (network, timeout); pause on what needs the user (scheme, origin). */
function transportOutcome(error: KeeplinkError): Outcome {
  return error.retryable ? { kind: 'retry', error } : { kind: 'paused', error };
}

/** Sends one claimed record and says how to settle it. */
async function deliver<E extends DestinationCommon>(
  core: FlushCore,
  run: FlushRun,
  pacer: Pacer,
  provider: Provider<E>,
  destination: E,
  record: OutboxRecord,
): Promise<Settle> {
  const lease = { id: record.id, leaseToken: leaseOf(record) };
  let built: Result<ProviderRequest>;
  try {
    built = provider.buildRequest(record.capture, destination);
  } catch {
    // A builder that throws is a bug for every capture of this destination, not this one's fault: pause, keep them all.
    return { kind: 'paused', ...lease, error: keeplinkError('request-build-failed'), now: core.now(), attempted: false };
  }
  if (!built.ok) return { kind: 'failed', ...lease, error: built.error, now: core.now(), attempted: false };
  run.report.sent += 1;
  const send = (request: ProviderRequest) =>
    sendRequest(request, { fetch: core.fetch, timeoutMs: core.config.requestTimeoutMs, idempotencyKey: record.id, allowedOrigin: originOf(destination.baseUrl) });
  // The one hook for OAuth: the session adds the token, and renews it (once for all lanes) before expiry or after a 401.
  const answer = provider.auth && core.tokens ? await core.tokens.send(provider.auth, destination, built.value, send) : await send(built.value);
  const now = core.now();
  const outcome = redactOutcome(answer.ok ? provider.classify(answer.value, record.capture) : transportOutcome(answer.error), destination.apiKey);
  if (outcome.kind === 'retry' && outcome.slowDown) pacer.slowDown(destination.id, now);

  switch (outcome.kind) {
    case 'synced':
      return { kind: 'synced', ...lease, result: outcome.result, warning: outcome.warning, now };
    case 'failed':
      return { kind: 'failed', ...lease, error: outcome.error, now };
    case 'paused':
      return { kind: 'paused', ...lease, error: outcome.error, now };
    case 'retry': {
      const attempts = record.attempts + 1;
      if (outcome.pauseAfterAttempts !== undefined && attempts >= outcome.pauseAfterAttempts) return { kind: 'paused', ...lease, error: outcome.error, now };
      const retrySpentMs = countRetryTime(record, now, core.config);
      if (isRetryExpired(retrySpentMs, attempts, core.config)) {
        return { kind: 'failed', ...lease, error: expiredError(outcome.error, attempts, retrySpentMs), now, retrySpentMs };
      }
      const nextAttemptAt = now + retryDelay(outcome.retryAfterMs, attempts, core.config, core.random);
      return { kind: 'retry', ...lease, error: outcome.error, nextAttemptAt, retrySpentMs, now };
    }
  }
}
