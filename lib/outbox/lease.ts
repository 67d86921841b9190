// Owns the sender's side of the outbox: leasing due records, and settling each lease with one compare-and-set.
import type { IDBPIndex } from 'idb';
import type { KeeplinkError, Result } from '../errors';
import type { DeliveryResult } from '../providers/types';
import type { OutboxDbSchema } from './db';
import type { OutboxRecord } from './record';
import { destinationRange, eachInRange, statusRange, type Store, type WriteTx } from './store';

/** Delivered incognito captures leave local history after this; the grace lets the popup show the result first. */
export const INCOGNITO_GRACE_MS = 10 * 60 * 1000;

export interface ClaimOptions {
  now: number;
  limit: number;
  leaseMs: number;
  excludeDestinations?: readonly string[];
  /** Claim only records created at or before this moment (the orphan sweep: see lib/sync/flush.ts). */
  createdUpTo?: number;
  /** Claim only this destination's records, in due order, through its own index range. */
  destinationId?: string;
}

interface SettleOptions {
  now?: number;
  /** Whether a request was sent for this claim; settling without one (no permission, bad settings) burns no attempt. */
  attempted?: boolean;
}

export interface SyncedSettle extends SettleOptions {
  result: DeliveryResult;
  warning?: KeeplinkError;
}

export interface RetrySettle extends SettleOptions {
  error: KeeplinkError;
  nextAttemptAt: number;
  /** The record's retry time after this failure, as the sync policy counts it. */
  retrySpentMs: number;
}

export interface FailedSettle extends SettleOptions {
  error: KeeplinkError;
  retrySpentMs?: number;
}

export interface PauseSettle extends SettleOptions {
  error: KeeplinkError;
}

/** One settle of a `settleMany` batch: which lease, and what became of its request. */
export type Settle = { id: string; leaseToken: string } & (
  | ({ kind: 'synced' } & SyncedSettle)
  | ({ kind: 'retry' } & RetrySettle)
  | ({ kind: 'failed' } & FailedSettle)
  | ({ kind: 'paused' } & PauseSettle)
  /** Claimed but never sent (the flush stopped first): due again at `dueAt`, nothing counted. */
  | ({ kind: 'released'; dueAt: number } & Pick<SettleOptions, 'now'>)
);

/** The record as it leaves `sending`: lease dropped, the attempt counted when a request went out. */
function release(record: OutboxRecord, now: number, attempted: boolean): OutboxRecord {
  const { leaseToken: _lease, ...rest } = record;
  return { ...rest, attempts: record.attempts + (attempted ? 1 : 0), updatedAt: now };
}

type DestinationIndex = IDBPIndex<OutboxDbSchema, ('records' | 'pauses')[], 'records', 'byDestination', 'readwrite'>;

function holdsLease(record: OutboxRecord | undefined, leaseToken: string): record is OutboxRecord {
  return record !== undefined && record.status === 'sending' && record.leaseToken === leaseToken;
}

/** The destinations that have records, less `excluded`: one cursor open per destination, however many records each has. */
async function destinationsOtherThan(index: DestinationIndex, excluded: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  // An array sorts after every string, so [id, []] is past all of that destination's keys.
  let cursor = await index.openKeyCursor();
  while (cursor) {
    const [destinationId] = cursor.key;
    if (!excluded.has(destinationId)) found.push(destinationId);
    cursor = await index.openKeyCursor(IDBKeyRange.lowerBound([destinationId, []], true));
  }
  return found;
}

/** Applies one settle to the record it holds the lease of, inside the batch's transaction; returns the other ids it changed. */
async function applySettle(tx: WriteTx, record: OutboxRecord, settle: Settle, now: number): Promise<string[]> {
  const records = tx.objectStore('records');
  const attempted = settle.kind === 'released' ? false : (settle.attempted ?? true);
  const released = release(record, now, attempted);
  switch (settle.kind) {
    case 'synced': {
      const { lastError: _cleared, ...rest } = released;
      await records.put({
        ...rest,
        status: 'synced',
        result: settle.result,
        syncedAt: now,
        nextAttemptAt: now,
        ...(settle.warning ? { warning: settle.warning } : {}),
        ...(record.capture.incognito ? { purgeAt: now + INCOGNITO_GRACE_MS } : {}),
      });
      return [];
    }
    case 'retry': {
      const paused = (await tx.objectStore('pauses').count(record.destinationId)) > 0;
      await records.put({
        ...released,
        status: paused ? 'paused' : 'queued',
        nextAttemptAt: paused ? now : settle.nextAttemptAt,
        lastError: settle.error,
        retrySpentMs: settle.retrySpentMs,
        firstFailureAt: record.firstFailureAt ?? now,
        lastFailureAt: now,
        lastRetryDelayMs: Math.max(0, settle.nextAttemptAt - now),
      });
      return [];
    }
    case 'released': {
      // Its destination paused while it waited: it waits with the pause's reason, as the record that paused it does.
      const pause = await tx.objectStore('pauses').get(record.destinationId);
      await records.put(pause ? { ...released, status: 'paused', nextAttemptAt: now, lastError: pause.error } : { ...released, status: 'queued', nextAttemptAt: settle.dueAt });
      return [];
    }
    case 'failed':
      await records.put({ ...released, status: 'failed', nextAttemptAt: now, lastError: settle.error, retrySpentMs: settle.retrySpentMs ?? record.retrySpentMs });
      return [];
    case 'paused': {
      const existing = await tx.objectStore('pauses').get(record.destinationId);
      await tx.objectStore('pauses').put({ destinationId: record.destinationId, error: settle.error, since: existing?.since ?? now });
      await records.put({ ...released, status: 'paused', nextAttemptAt: now, lastError: settle.error });
      const changed: string[] = [];
      await eachInRange(records.index('byDestination').openCursor(destinationRange(record.destinationId, 'queued')), async (cursor) => {
        await cursor.update({ ...cursor.value, status: 'paused', nextAttemptAt: now, updatedAt: now });
        changed.push(cursor.value.id);
      });
      return changed;
    }
  }
}

export function leaseOps(store: Store) {
  /**
   * Settles many leases in one transaction, each with the one compare-and-set: only the holder of a record's current
   * lease may settle it. Answers, in order, true where applied and false where the lease was lost (a newer claim owns
   * the record). Settles run in order, so one that pauses a destination turns a later retry of it into paused too.
   */
  const settleMany = (settles: readonly Settle[]): Promise<Result<boolean[]>> =>
    store.write(async (tx) => {
      const records = tx.objectStore('records');
      const applied: boolean[] = [];
      const changed: string[] = [];
      for (const settle of settles) {
        const record = await records.get(settle.id);
        if (!holdsLease(record, settle.leaseToken)) {
          applied.push(false);
          continue;
        }
        changed.push(settle.id, ...(await applySettle(tx, record, settle, settle.now ?? store.clock())));
        applied.push(true);
      }
      return { value: applied, changed };
    });

  const settleOne = async (settle: Settle): Promise<Result<boolean>> => {
    const settled = await settleMany([settle]);
    return settled.ok ? { ok: true, value: settled.value[0] === true } : settled;
  };

  return {
    settleMany,

    /**
     * Leases due records (queued and due, or sending with an expired lease) in one transaction, up to `limit`.
     * Records of a paused destination are never claimed; stray ones are moved to paused.
     */
    claimDue(options: ClaimOptions): Promise<Result<OutboxRecord[]>> {
      const { now, limit, leaseMs } = options;
      const excluded = new Set(options.excludeDestinations);
      return store.write(async (tx) => {
        const paused = new Set(await tx.objectStore('pauses').getAllKeys());
        const records = tx.objectStore('records');
        // With exclusions (the orphan sweep), walking `due` would step over every due record of the known
        // destinations: only the other destinations' own ranges are walked.
        const only =
          options.destinationId !== undefined ? [options.destinationId] : excluded.size > 0 ? await destinationsOtherThan(records.index('byDestination'), excluded) : undefined;
        const claimed: OutboxRecord[] = [];
        const changed: string[] = [];
        // Expired leases first: they have waited longest.
        for (const status of ['sending', 'queued'] as const) {
          const visit = async (cursor: { value: OutboxRecord; update(value: OutboxRecord): Promise<unknown> }) => {
            if (claimed.length >= limit) return false;
            const record = cursor.value;
            if (paused.has(record.destinationId)) {
              await cursor.update({ ...release(record, now, status === 'sending'), status: 'paused', nextAttemptAt: now });
              changed.push(record.id);
            } else if (!excluded.has(record.destinationId) && (options.createdUpTo === undefined || record.createdAt <= options.createdUpTo)) {
              const leased: OutboxRecord = {
                ...record,
                status: 'sending',
                leaseToken: store.newLeaseToken(),
                nextAttemptAt: now + leaseMs,
                updatedAt: now,
                // A lease that expired may have sent its request before the worker died.
                attempts: record.attempts + (status === 'sending' ? 1 : 0),
              };
              await cursor.update(leased);
              claimed.push(leased);
              changed.push(record.id);
            }
            return true;
          };
          if (only === undefined) await eachInRange(records.index('due').openCursor(statusRange(status, now)), visit);
          else for (const id of only) await eachInRange(records.index('byDestination').openCursor(destinationRange(id, status, now)), visit);
        }
        return { value: claimed, changed };
      });
    },

    /** Delivered. Returns ok(false) when the lease was lost: a newer claim owns the record. */
    markSynced: (id: string, leaseToken: string, settle: SyncedSettle) => settleOne({ kind: 'synced', id, leaseToken, ...settle }),

    /** Back to queued until `nextAttemptAt`; to paused instead when its destination was paused meanwhile. */
    markRetry: (id: string, leaseToken: string, settle: RetrySettle) => settleOne({ kind: 'retry', id, leaseToken, ...settle }),

    /** This capture was rejected (or expired): it waits for the user to edit and retry it. */
    markFailed: (id: string, leaseToken: string, settle: FailedSettle) => settleOne({ kind: 'failed', id, leaseToken, ...settle }),

    /** The destination needs the user: pause it, with this record and all its queued ones. Nothing is dropped. */
    pauseDestination: (id: string, leaseToken: string, settle: PauseSettle) => settleOne({ kind: 'paused', id, leaseToken, ...settle }),
  };
}
