// Owns the outbox store facade: each operation is one short IndexedDB transaction, then a change notice.
import { captureSchema, type Capture } from '../capture';
import { fail, keeplinkError, ok, type KeeplinkError, type Result } from '../errors';
import type { DeliveryResult } from '../providers/types';
import { postOutboxChanged } from './changes';
import { OUTBOX_DB_NAME, withOutboxDb, type OutboxDb } from './db';
import { normalizeUrl } from './normalize-url';
import {
  PENDING_STATUSES,
  UNDELIVERED_STATUSES,
  outboxRecordSchema,
  type DestinationPause,
  type OutboxRecord,
  type OutboxStatus,
} from './record';

export const DEFAULT_LIST_LIMIT = 200;

export const INCOGNITO_GRACE_MS = 10 * 60 * 1000;

export interface OutboxDeps {
  dbName?: string;
  now?: () => number;
  newLeaseToken?: () => string;
  /** Called with the ids a committed write changed. */
  notify?: (ids: readonly string[]) => void;
}

export interface EnqueueResult {
  record: OutboxRecord;
  /** True when a pending record for the same page and destination (or the same capture) already existed and was returned instead. */
  duplicateOf: boolean;
}

export interface ClaimOptions {
  now: number;
  limit: number;
  leaseMs: number;
  excludeDestinations?: readonly string[];
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

export interface ListOptions {
  status?: OutboxStatus;
  destinationId?: string;
  limit?: number;
}

export interface PruneOptions {
  now?: number;
  maxAgeMs: number;
  maxRecords: number;
  /** No incognito window is open: that session's failed and paused captures go too (nothing can retry them there). */
  endedIncognito?: boolean;
}

type WriteTx = ReturnType<typeof writeTransaction>;

const writeTransaction = (db: OutboxDb) => db.transaction(['records', 'pauses'], 'readwrite');

const statusRange = (status: OutboxStatus, upTo = Infinity): IDBKeyRange =>
  IDBKeyRange.bound([status, -Infinity], [status, upTo]);

/** Deletes incognito captures that failed or wait paused, and the pauses left with nothing to resume. */
async function purgeEndedIncognito(tx: WriteTx): Promise<string[]> {
  const records = tx.objectStore('records');
  const removed: string[] = [];
  const emptied = new Set<string>();
  for (const status of ['failed', 'paused'] as const) {
    let cursor = await records.index('due').openCursor(statusRange(status));
    while (cursor) {
      if (cursor.value.capture.incognito) {
        removed.push(cursor.primaryKey);
        if (status === 'paused') emptied.add(cursor.value.destinationId);
        await cursor.delete();
      }
      cursor = await cursor.continue();
    }
  }
  for (const destinationId of emptied) {
    if ((await records.index('byDestination').count(destinationRange(destinationId, 'paused'))) === 0) await tx.objectStore('pauses').delete(destinationId);
  }
  return removed;
}

const destinationRange = (destinationId: string, status: OutboxStatus, upTo = Infinity): IDBKeyRange =>
  IDBKeyRange.bound([destinationId, status, -Infinity], [destinationId, status, upTo]);

const isPending = (status: OutboxStatus): boolean => (PENDING_STATUSES as readonly OutboxStatus[]).includes(status);

function storageError(error: unknown): KeeplinkError {
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : 'unknown';
  if (name === 'QuotaExceededError') return keeplinkError('storage-quota');
  return keeplinkError('storage-failed', { details: { name } });
}

function validateCaptures(captures: readonly Capture[]): KeeplinkError | undefined {
  for (const [index, capture] of captures.entries()) {
    const parsed = captureSchema.safeParse(capture);
    if (!parsed.success) {
      return keeplinkError('field-invalid', { details: { index, issue: parsed.error.issues[0]?.path.join('.') ?? '' } });
    }
  }
  return undefined;
}

/** The record as it leaves `sending`: lease dropped, the attempt counted when a request went out. */
function release(record: OutboxRecord, now: number, attempted: boolean): OutboxRecord {
  const { leaseToken: _lease, ...rest } = record;
  return { ...rest, attempts: record.attempts + (attempted ? 1 : 0), updatedAt: now };
}

function holdsLease(record: OutboxRecord | undefined, leaseToken: string): record is OutboxRecord {
  return record !== undefined && record.status === 'sending' && record.leaseToken === leaseToken;
}

/** Clears retry-time accounting, for a record the user sends again or to another destination. */
function freshRetryState(record: OutboxRecord): OutboxRecord {
  const { firstFailureAt: _first, lastFailureAt: _last, lastRetryDelayMs: _delay, leaseToken: _lease, ...rest } = record;
  return { ...rest, attempts: 0, retrySpentMs: 0 };
}

export function createOutbox(deps: OutboxDeps = {}) {
  const dbName = deps.dbName ?? OUTBOX_DB_NAME;
  const clock = deps.now ?? (() => Date.now());
  const newLeaseToken = deps.newLeaseToken ?? (() => crypto.randomUUID());
  const notify = deps.notify ?? postOutboxChanged;

  const read = <T>(operation: (db: OutboxDb) => Promise<T>): Promise<T> => withOutboxDb(dbName, operation);

  /** One readwrite transaction: commits all of `body` or nothing, then notifies the changed ids. */
  async function write<T>(body: (tx: WriteTx) => Promise<{ value: T; changed: readonly string[] }>): Promise<Result<T>> {
    try {
      const { value, changed } = await withOutboxDb(dbName, async (db) => {
        const tx = writeTransaction(db);
        try {
          const out = await body(tx);
          await tx.done;
          return out;
        } catch (error) {
          // A put that threw (e.g. over quota) must not let the earlier puts of this transaction commit.
          void tx.done.catch(() => undefined);
          try {
            tx.abort();
          } catch {
            // Already aborted by the failed request.
          }
          throw error;
        }
      });
      if (changed.length > 0) notify(changed);
      return ok(value);
    } catch (error) {
      return fail(storageError(error));
    }
  }

  async function insert(tx: WriteTx, capture: Capture, normalizedUrl: string, now: number): Promise<EnqueueResult> {
    const records = tx.objectStore('records');
    // Issued together: each awaited round trip would add to the click-to-durable time.
    const [same, twins, pauses] = await Promise.all([
      records.get(capture.id),
      records.index('dup').getAll([normalizedUrl, capture.destinationId]),
      tx.objectStore('pauses').count(capture.destinationId),
    ]);
    if (same) return { record: same, duplicateOf: true };
    const pending = twins.find((twin) => isPending(twin.status));
    if (pending) return { record: pending, duplicateOf: true };
    const paused = pauses > 0;
    const record: OutboxRecord = {
      id: capture.id,
      capture,
      destinationId: capture.destinationId,
      normalizedUrl,
      status: paused ? 'paused' : 'queued',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      retrySpentMs: 0,
    };
    await records.add(record);
    return { record, duplicateOf: false };
  }

  /** Moves a paused destination's records back to queued, due now, and lifts the pause. */
  async function resumeIn(tx: WriteTx, destinationId: string, now: number): Promise<string[]> {
    await tx.objectStore('pauses').delete(destinationId);
    const resumed: string[] = [];
    let cursor = await tx.objectStore('records').index('byDestination').openCursor(destinationRange(destinationId, 'paused'));
    while (cursor) {
      await cursor.update({ ...cursor.value, status: 'queued', nextAttemptAt: now, updatedAt: now });
      resumed.push(cursor.value.id);
      cursor = await cursor.continue();
    }
    return resumed;
  }

  return {
    /** Stores a capture durably; a page already pending for that destination is returned, not queued twice. */
    async enqueue(capture: Capture, options: { normalizedUrl?: string; now?: number } = {}): Promise<Result<EnqueueResult>> {
      const invalid = validateCaptures([capture]);
      if (invalid) return fail(invalid);
      const now = options.now ?? clock();
      const normalizedUrl = options.normalizedUrl ?? normalizeUrl(capture.page.url);
      return write(async (tx) => {
        const value = await insert(tx, capture, normalizedUrl, now);
        return { value, changed: value.duplicateOf ? [] : [value.record.id] };
      });
    },

    /** Bulk save (all tabs, an import): one transaction for the whole batch, all or nothing. */
    async enqueueMany(captures: readonly Capture[], options: { now?: number } = {}): Promise<Result<EnqueueResult[]>> {
      const invalid = validateCaptures(captures);
      if (invalid) return fail(invalid);
      const now = options.now ?? clock();
      return write(async (tx) => {
        const value: EnqueueResult[] = [];
        for (const capture of captures) value.push(await insert(tx, capture, normalizeUrl(capture.page.url), now));
        return { value, changed: value.filter((entry) => !entry.duplicateOf).map((entry) => entry.record.id) };
      });
    },

    /** The newest delivered record of this page for this destination ("Already saved on DATE"); local history only. */
    findDelivered(normalizedUrl: string, destinationId: string): Promise<OutboxRecord | undefined> {
      return read(async (db) => {
        const twins = await db.getAllFromIndex('records', 'dup', [normalizedUrl, destinationId]);
        let newest: OutboxRecord | undefined;
        for (const twin of twins) {
          if (twin.status === 'synced' && (newest === undefined || (twin.syncedAt ?? 0) > (newest.syncedAt ?? 0))) newest = twin;
        }
        return newest;
      });
    },

    /**
     * Leases due records (queued and due, or sending with an expired lease) in one transaction.
     * Records of a paused destination are never claimed; stray ones are moved to paused.
     */
    claimDue(options: ClaimOptions): Promise<Result<OutboxRecord[]>> {
      const { now, limit, leaseMs } = options;
      const excluded = new Set(options.excludeDestinations);
      return write(async (tx) => {
        const paused = new Set(await tx.objectStore('pauses').getAllKeys());
        const records = tx.objectStore('records');
        const claimed: OutboxRecord[] = [];
        const changed: string[] = [];
        // Expired leases first: they have waited longest.
        for (const status of ['sending', 'queued'] as const) {
          let cursor =
            options.destinationId === undefined
              ? await records.index('due').openCursor(statusRange(status, now))
              : await records.index('byDestination').openCursor(destinationRange(options.destinationId, status, now));
          while (cursor && claimed.length < limit) {
            const record = cursor.value;
            if (paused.has(record.destinationId)) {
              await cursor.update({ ...release(record, now, status === 'sending'), status: 'paused', nextAttemptAt: now });
              changed.push(record.id);
            } else if (!excluded.has(record.destinationId)) {
              const leased: OutboxRecord = {
                ...record,
                status: 'sending',
                leaseToken: newLeaseToken(),
                nextAttemptAt: now + leaseMs,
                updatedAt: now,
                // A lease that expired may have sent its request before the worker died.
                attempts: record.attempts + (status === 'sending' ? 1 : 0),
              };
              await cursor.update(leased);
              claimed.push(leased);
              changed.push(record.id);
            }
            cursor = await cursor.continue();
          }
        }
        return { value: claimed, changed };
      });
    },

    /** Delivered. Returns ok(false) when the lease was lost: a newer claim owns the record. */
    markSynced(id: string, leaseToken: string, settle: SyncedSettle): Promise<Result<boolean>> {
      const now = settle.now ?? clock();
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (!holdsLease(record, leaseToken)) return { value: false, changed: [] };
        const next: OutboxRecord = {
          ...release(record, now, settle.attempted ?? true),
          status: 'synced',
          result: settle.result,
          syncedAt: now,
          nextAttemptAt: now,
        };
        delete next.lastError;
        if (settle.warning) next.warning = settle.warning;
        // Incognito captures leave no history once delivered; the grace lets the popup show the result first.
        if (record.capture.incognito) next.purgeAt = now + INCOGNITO_GRACE_MS;
        await records.put(next);
        return { value: true, changed: [id] };
      });
    },

    /** Back to queued until `nextAttemptAt`; to paused instead when its destination was paused meanwhile. */
    markRetry(id: string, leaseToken: string, settle: RetrySettle): Promise<Result<boolean>> {
      const now = settle.now ?? clock();
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (!holdsLease(record, leaseToken)) return { value: false, changed: [] };
        const paused = (await tx.objectStore('pauses').count(record.destinationId)) > 0;
        await records.put({
          ...release(record, now, settle.attempted ?? true),
          status: paused ? 'paused' : 'queued',
          nextAttemptAt: paused ? now : settle.nextAttemptAt,
          lastError: settle.error,
          retrySpentMs: settle.retrySpentMs,
          firstFailureAt: record.firstFailureAt ?? now,
          lastFailureAt: now,
          lastRetryDelayMs: Math.max(0, settle.nextAttemptAt - now),
        });
        return { value: true, changed: [id] };
      });
    },

    /** This capture was rejected (or expired): it waits for the user to edit and retry it. */
    markFailed(id: string, leaseToken: string, settle: FailedSettle): Promise<Result<boolean>> {
      const now = settle.now ?? clock();
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (!holdsLease(record, leaseToken)) return { value: false, changed: [] };
        await records.put({
          ...release(record, now, settle.attempted ?? true),
          status: 'failed',
          nextAttemptAt: now,
          lastError: settle.error,
          retrySpentMs: settle.retrySpentMs ?? record.retrySpentMs,
        });
        return { value: true, changed: [id] };
      });
    },

    /** The destination needs the user: pause it, with this record and all its queued ones. Nothing is dropped. */
    pauseDestination(id: string, leaseToken: string, settle: PauseSettle): Promise<Result<boolean>> {
      const now = settle.now ?? clock();
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (!holdsLease(record, leaseToken)) return { value: false, changed: [] };
        const { destinationId } = record;
        const existing = await tx.objectStore('pauses').get(destinationId);
        await tx.objectStore('pauses').put({ destinationId, error: settle.error, since: existing?.since ?? now });
        await records.put({
          ...release(record, now, settle.attempted ?? true),
          status: 'paused',
          nextAttemptAt: now,
          lastError: settle.error,
        });
        const changed = [id];
        let cursor = await records.index('byDestination').openCursor(destinationRange(destinationId, 'queued'));
        while (cursor) {
          await cursor.update({ ...cursor.value, status: 'paused', nextAttemptAt: now, updatedAt: now });
          changed.push(cursor.value.id);
          cursor = await cursor.continue();
        }
        return { value: true, changed };
      });
    },

    /** Settings changed or the user pressed Retry: the destination's paused records are due now. Returns how many. */
    resumeDestination(destinationId: string, now: number = clock()): Promise<Result<number>> {
      return write(async (tx) => {
        const resumed = await resumeIn(tx, destinationId, now);
        return { value: resumed.length, changed: resumed };
      });
    },

    /** The user's Retry: a failed record is queued due now; a paused one resumes its whole destination. */
    retry(id: string, now: number = clock()): Promise<Result<boolean>> {
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status === 'paused') {
          const resumed = await resumeIn(tx, record.destinationId, now);
          return { value: true, changed: resumed };
        }
        if (record?.status !== 'failed') return { value: false, changed: [] };
        await records.put({ ...freshRetryState(record), status: 'queued', nextAttemptAt: now, updatedAt: now });
        return { value: true, changed: [id] };
      });
    },

    /** The user's "try now" on a queued record waiting out its backoff: due now. ok(false) if it is not queued. */
    sendNow(id: string, now: number = clock()): Promise<Result<boolean>> {
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status !== 'queued') return { value: false, changed: [] };
        await records.put({ ...record, nextAttemptAt: now, updatedAt: now });
        return { value: true, changed: [id] };
      });
    },

    /**
     * Undo of `remove`: puts the record back as it was. A pending record follows its destination's pause
     * as it is now (paused ↔ queued, due now). ok(false) when its id, or a pending twin queued meanwhile,
     * is already stored, so an undo never queues one page twice.
     */
    async restore(deleted: OutboxRecord, now: number = clock()): Promise<Result<boolean>> {
      // Parsed, so only the record's own fields are stored back.
      const parsed = outboxRecordSchema.safeParse(deleted);
      if (!parsed.success) return fail(keeplinkError('field-invalid', { field: 'record' }));
      const record = parsed.data;
      return write(async (tx) => {
        const records = tx.objectStore('records');
        if ((await records.count(record.id)) > 0) return { value: false, changed: [] };
        if (isPending(record.status)) {
          const twins = await records.index('dup').getAll([record.normalizedUrl, record.destinationId]);
          if (twins.some((twin) => isPending(twin.status))) return { value: false, changed: [] };
        }
        let restored = record;
        if (record.status === 'queued' || record.status === 'paused') {
          const paused = (await tx.objectStore('pauses').count(record.destinationId)) > 0;
          if (paused !== (record.status === 'paused')) {
            restored = { ...record, status: paused ? 'paused' : 'queued', nextAttemptAt: now, updatedAt: now };
          }
        }
        await records.add(restored);
        return { value: true, changed: [record.id] };
      });
    },

    get(id: string): Promise<OutboxRecord | undefined> {
      return read((db) => db.get('records', id));
    },

    /** Newest first, through the history index; stops at `limit` matches. */
    list(options: ListOptions = {}): Promise<OutboxRecord[]> {
      const limit = options.limit ?? DEFAULT_LIST_LIMIT;
      return read(async (db) => {
        const found: OutboxRecord[] = [];
        let cursor = await db.transaction('records').store.index('history').openCursor(null, 'prev');
        while (cursor && found.length < limit) {
          const record = cursor.value;
          if (
            (options.status === undefined || record.status === options.status) &&
            (options.destinationId === undefined || record.destinationId === options.destinationId)
          ) {
            found.push(record);
          }
          cursor = await cursor.continue();
        }
        return found;
      });
    },

    listPauses(): Promise<DestinationPause[]> {
      return read((db) => db.getAll('pauses'));
    },

    getPause(destinationId: string): Promise<DestinationPause | undefined> {
      return read((db) => db.get('pauses', destinationId));
    },

    /** Deletes one record whatever its state; a sender still holding its lease then settles nothing. */
    remove(id: string): Promise<Result<boolean>> {
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const existed = (await records.count(id)) > 0;
        if (existed) await records.delete(id);
        return { value: existed, changed: existed ? [id] : [] };
      });
    },

    /** `remove` for an undo: deletes the record and returns it as it was at that moment, for `restore`. */
    discard(id: string): Promise<Result<OutboxRecord | undefined>> {
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record) await records.delete(id);
        return { value: record, changed: record ? [id] : [] };
      });
    },

    /** Queued + sending + paused + failed (the badge number), from index counts only. */
    countUndelivered(destinationId?: string): Promise<number> {
      return read(async (db) => {
        const tx = db.transaction('records');
        const counts = await Promise.all(
          UNDELIVERED_STATUSES.map((status) =>
            destinationId === undefined
              ? tx.store.index('due').count(statusRange(status))
              : tx.store.index('byDestination').count(destinationRange(destinationId, status)),
          ),
        );
        return counts.reduce((sum, count) => sum + count, 0);
      });
    },

    /** The earliest nextAttemptAt among queued and sending records: the first key of two `due` index ranges. */
    nextDueAt(): Promise<number | undefined> {
      return read(async (db) => {
        const due = db.transaction('records').store.index('due');
        const firsts = await Promise.all(
          (['queued', 'sending'] as const).map(async (status) => (await due.openKeyCursor(statusRange(status)))?.key[1]),
        );
        const times = firsts.filter((time) => time !== undefined);
        return times.length > 0 ? Math.min(...times) : undefined;
      });
    },

    /** The user edited a failed capture (same id); it stays failed until retried. ok(undefined) if it is not failed. */
    async updateCapture(id: string, capture: Capture, now: number = clock()): Promise<Result<OutboxRecord | undefined>> {
      const invalid = validateCaptures([capture]);
      if (invalid) return fail(invalid);
      if (capture.id !== id) return fail(keeplinkError('field-invalid', { field: 'id' }));
      return write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status !== 'failed') return { value: undefined, changed: [] };
        const next: OutboxRecord = {
          ...record,
          capture,
          destinationId: capture.destinationId,
          normalizedUrl: normalizeUrl(capture.page.url),
          updatedAt: now,
        };
        await records.put(next);
        return { value: next, changed: [id] };
      });
    },

    /**
     * A destination is being removed and the user chose another for its undelivered captures: they are
     * queued there, due now (paused if that one is paused). Records in flight settle against the old one.
     */
    moveDestination(from: string, to: string, now: number = clock()): Promise<Result<number>> {
      return write(async (tx) => {
        if (from === to) return { value: 0, changed: [] };
        const targetPaused = (await tx.objectStore('pauses').count(to)) > 0;
        const index = tx.objectStore('records').index('byDestination');
        const moved: string[] = [];
        for (const status of ['queued', 'paused', 'failed'] as const) {
          let cursor = await index.openCursor(destinationRange(from, status));
          while (cursor) {
            const record = cursor.value;
            await cursor.update({
              ...freshRetryState(record),
              capture: { ...record.capture, destinationId: to },
              destinationId: to,
              status: targetPaused ? 'paused' : 'queued',
              nextAttemptAt: now,
              updatedAt: now,
            });
            moved.push(record.id);
            cursor = await cursor.continue();
          }
        }
        await tx.objectStore('pauses').delete(from);
        return { value: moved.length, changed: moved };
      });
    },

    /** A destination is being removed with its undelivered captures (the user chose so); delivered history stays. */
    removeByDestination(destinationId: string): Promise<Result<number>> {
      return write(async (tx) => {
        const index = tx.objectStore('records').index('byDestination');
        const removed: string[] = [];
        for (const status of UNDELIVERED_STATUSES) {
          let cursor = await index.openCursor(destinationRange(destinationId, status));
          while (cursor) {
            removed.push(cursor.value.id);
            await cursor.delete();
            cursor = await cursor.continue();
          }
        }
        await tx.objectStore('pauses').delete(destinationId);
        return { value: removed.length, changed: removed };
      });
    },

    /**
     * Retention: deletes delivered records older than maxAgeMs, and the oldest beyond maxRecords.
     * Walks only the synced range of `due` (ordered by syncedAt); other states are never pruned.
     */
    prune(options: PruneOptions): Promise<Result<number>> {
      const now = options.now ?? clock();
      const cutoff = now - options.maxAgeMs;
      return write(async (tx) => {
        const removed: string[] = [];
        let purge = await tx.objectStore('records').index('purge').openCursor(IDBKeyRange.upperBound(now));
        while (purge) {
          removed.push(purge.primaryKey);
          await purge.delete();
          purge = await purge.continue();
        }
        const due = tx.objectStore('records').index('due');
        if (options.endedIncognito) removed.push(...(await purgeEndedIncognito(tx)));
        let excess = (await due.count(statusRange('synced'))) - options.maxRecords;
        let cursor = await due.openCursor(statusRange('synced'));
        while (cursor && (excess > 0 || cursor.key[1] < cutoff)) {
          removed.push(cursor.primaryKey);
          await cursor.delete();
          excess -= 1;
          cursor = await cursor.continue();
        }
        return { value: removed.length, changed: removed };
      });
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
