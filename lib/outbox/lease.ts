// Owns the sender's side of the outbox: leasing due records, and settling each lease with one compare-and-set.
import type { KeeplinkError, Result } from '../errors';
import type { DeliveryResult } from '../providers/types';
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

/** The record as it leaves `sending`: lease dropped, the attempt counted when a request went out. */
function release(record: OutboxRecord, now: number, attempted: boolean): OutboxRecord {
  const { leaseToken: _lease, ...rest } = record;
  return { ...rest, attempts: record.attempts + (attempted ? 1 : 0), updatedAt: now };
}

function holdsLease(record: OutboxRecord | undefined, leaseToken: string): record is OutboxRecord {
  return record !== undefined && record.status === 'sending' && record.leaseToken === leaseToken;
}

export function leaseOps(store: Store) {
  /**
   * The one compare-and-set: only the holder of the current lease may settle a record. ok(false) when the
   * lease was lost (a newer claim owns the record); `also` changes more in the same transaction.
   */
  const settleLeased = (
    id: string,
    leaseToken: string,
    next: (record: OutboxRecord, tx: WriteTx) => Promise<OutboxRecord> | OutboxRecord,
    also?: (record: OutboxRecord, tx: WriteTx) => Promise<string[]>,
  ): Promise<Result<boolean>> =>
    store.write(async (tx) => {
      const records = tx.objectStore('records');
      const record = await records.get(id);
      if (!holdsLease(record, leaseToken)) return { value: false, changed: [] };
      await records.put(await next(record, tx));
      return { value: true, changed: [id, ...((await also?.(record, tx)) ?? [])] };
    });

  return {
    /**
     * Leases due records (queued and due, or sending with an expired lease) in one transaction.
     * Records of a paused destination are never claimed; stray ones are moved to paused.
     */
    claimDue(options: ClaimOptions): Promise<Result<OutboxRecord[]>> {
      const { now, limit, leaseMs } = options;
      const excluded = new Set(options.excludeDestinations);
      return store.write(async (tx) => {
        const paused = new Set(await tx.objectStore('pauses').getAllKeys());
        const records = tx.objectStore('records');
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
          if (options.destinationId === undefined) await eachInRange(records.index('due').openCursor(statusRange(status, now)), visit);
          else await eachInRange(records.index('byDestination').openCursor(destinationRange(options.destinationId, status, now)), visit);
        }
        return { value: claimed, changed };
      });
    },

    /** Delivered. Returns ok(false) when the lease was lost: a newer claim owns the record. */
    markSynced(id: string, leaseToken: string, settle: SyncedSettle): Promise<Result<boolean>> {
      const now = settle.now ?? store.clock();
      return settleLeased(id, leaseToken, (record) => {
        const { lastError: _cleared, ...rest } = release(record, now, settle.attempted ?? true);
        return {
          ...rest,
          status: 'synced',
          result: settle.result,
          syncedAt: now,
          nextAttemptAt: now,
          ...(settle.warning ? { warning: settle.warning } : {}),
          ...(record.capture.incognito ? { purgeAt: now + INCOGNITO_GRACE_MS } : {}),
        };
      });
    },

    /** Back to queued until `nextAttemptAt`; to paused instead when its destination was paused meanwhile. */
    markRetry(id: string, leaseToken: string, settle: RetrySettle): Promise<Result<boolean>> {
      const now = settle.now ?? store.clock();
      return settleLeased(id, leaseToken, async (record, tx) => {
        const paused = (await tx.objectStore('pauses').count(record.destinationId)) > 0;
        return {
          ...release(record, now, settle.attempted ?? true),
          status: paused ? 'paused' : 'queued',
          nextAttemptAt: paused ? now : settle.nextAttemptAt,
          lastError: settle.error,
          retrySpentMs: settle.retrySpentMs,
          firstFailureAt: record.firstFailureAt ?? now,
          lastFailureAt: now,
          lastRetryDelayMs: Math.max(0, settle.nextAttemptAt - now),
        };
      });
    },

    /** This capture was rejected (or expired): it waits for the user to edit and retry it. */
    markFailed(id: string, leaseToken: string, settle: FailedSettle): Promise<Result<boolean>> {
      const now = settle.now ?? store.clock();
      return settleLeased(id, leaseToken, (record) => ({
        ...release(record, now, settle.attempted ?? true),
        status: 'failed',
        nextAttemptAt: now,
        lastError: settle.error,
        retrySpentMs: settle.retrySpentMs ?? record.retrySpentMs,
      }));
    },

    /** The destination needs the user: pause it, with this record and all its queued ones. Nothing is dropped. */
    pauseDestination(id: string, leaseToken: string, settle: PauseSettle): Promise<Result<boolean>> {
      const now = settle.now ?? store.clock();
      return settleLeased(
        id,
        leaseToken,
        async (record, tx) => {
          const existing = await tx.objectStore('pauses').get(record.destinationId);
          await tx.objectStore('pauses').put({ destinationId: record.destinationId, error: settle.error, since: existing?.since ?? now });
          return { ...release(record, now, settle.attempted ?? true), status: 'paused', nextAttemptAt: now, lastError: settle.error };
        },
        async (record, tx) => {
          const changed: string[] = [];
          const queued = tx.objectStore('records').index('byDestination').openCursor(destinationRange(record.destinationId, 'queued'));
          await eachInRange(queued, async (cursor) => {
            await cursor.update({ ...cursor.value, status: 'paused', nextAttemptAt: now, updatedAt: now });
            changed.push(cursor.value.id);
          });
          return changed;
        },
      );
    },
  };
}
