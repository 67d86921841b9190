// Owns what the user (and the save paths) do to the outbox: save, retry, send now, discard and restore, edit, move or remove by destination.
import { captureSchema, type Capture } from '../capture';
import { fail, keeplinkError, type KeeplinkError, type Result } from '../errors';
import { normalizeUrl } from './normalize-url';
import { outboxRecordSchema, UNDELIVERED_STATUSES, type OutboxRecord } from './record';
import { destinationRange, eachInRange, freshRetryState, isPending, resumeIn, type Store, type WriteTx } from './store';

export interface EnqueueResult {
  record: OutboxRecord;
  /** True when a pending record for the same page and destination (or the same capture) already existed and was returned instead. */
  duplicateOf: boolean;
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

/**
 * Writes the record in the same round trip as the reads that decide about it: requests of one transaction run in
 * order, so the reads see the store as it was before the put, and whatever they find (this capture already stored,
 * a pending twin, a paused destination) is put right before the transaction commits. No reader ever sees the
 * interim state, and a save never waits for a read before its write goes out (the click-to-durable time).
 */
async function insert(tx: WriteTx, capture: Capture, now: number, editOf?: string): Promise<EnqueueResult> {
  const records = tx.objectStore('records');
  const normalizedUrl = normalizeUrl(capture.page.url);
  const record: OutboxRecord = {
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    normalizedUrl,
    status: 'queued',
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    retrySpentMs: 0,
  };
  if (editOf !== undefined) record.editOf = editOf;
  const [same, twins, pauses] = await Promise.all([
    records.get(capture.id),
    records.index('dup').getAll([normalizedUrl, capture.destinationId]),
    tx.objectStore('pauses').count(capture.destinationId),
    // A put can throw at once (over quota): as a rejection, Promise.all also handles the reads the abort fails.
    new Promise((resolve) => resolve(records.put(record))),
  ]);
  if (same) {
    await records.put(same);
    return { record: same, duplicateOf: true };
  }
  const pending = twins.find((twin) => isPending(twin.status));
  if (pending) {
    await records.delete(capture.id);
    return { record: pending, duplicateOf: true };
  }
  if (pauses === 0) return { record, duplicateOf: false };
  const paused: OutboxRecord = { ...record, status: 'paused' };
  await records.put(paused);
  return { record: paused, duplicateOf: false };
}

export function userOps(store: Store) {
  /** Saves captures in one transaction, all or nothing; a page already pending for its destination is returned, not queued twice. */
  const enqueueAll = async (captures: readonly Capture[], now: number): Promise<Result<EnqueueResult[]>> => {
    const invalid = validateCaptures(captures);
    if (invalid) return fail(invalid);
    return store.write(async (tx) => {
      const value: EnqueueResult[] = [];
      for (const capture of captures) value.push(await insert(tx, capture, now));
      return { value, changed: value.filter((entry) => !entry.duplicateOf).map((entry) => entry.record.id) };
    });
  };

  return {
    /** Stores a capture durably; a page already pending for that destination is returned, not queued twice. */
    async enqueue(capture: Capture, options: { now?: number } = {}): Promise<Result<EnqueueResult>> {
      const saved = await enqueueAll([capture], options.now ?? store.clock());
      return saved.ok ? { ok: true, value: saved.value[0]! } : saved;
    },

    /** Bulk save (all tabs, an import): one transaction for the whole batch, all or nothing. */
    enqueueMany: (captures: readonly Capture[], options: { now?: number } = {}) => enqueueAll(captures, options.now ?? store.clock()),

    /**
     * An edit after saving: a new record linked to the delivered one it changes, in the same transaction that checks
     * that one is still delivered (ok(undefined) if not). A pending record for the page is returned instead, as for any save.
     */
    async enqueueEdit(capture: Capture, editOf: string, options: { now?: number } = {}): Promise<Result<EnqueueResult | undefined>> {
      const invalid = validateCaptures([capture]);
      if (invalid) return fail(invalid);
      const now = options.now ?? store.clock();
      return store.write(async (tx) => {
        const original = await tx.objectStore('records').get(editOf);
        if (original?.status !== 'synced') return { value: undefined, changed: [] };
        const entry = await insert(tx, capture, now, editOf);
        return { value: entry, changed: entry.duplicateOf ? [] : [entry.record.id] };
      });
    },

    /** Settings changed or the user pressed Retry: the destination's paused records are due now. Returns how many. */
    resumeDestination(destinationId: string, now: number = store.clock()): Promise<Result<number>> {
      return store.write(async (tx) => {
        const resumed = await resumeIn(tx, destinationId, now);
        return { value: resumed.length, changed: resumed };
      });
    },

    /** The user's Retry: a failed record is queued due now; a paused one resumes its whole destination. */
    retry(id: string, now: number = store.clock()): Promise<Result<boolean>> {
      return store.write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status === 'paused') return { value: true, changed: await resumeIn(tx, record.destinationId, now) };
        if (record?.status !== 'failed') return { value: false, changed: [] };
        await records.put({ ...freshRetryState(record), status: 'queued', nextAttemptAt: now, updatedAt: now });
        return { value: true, changed: [id] };
      });
    },

    /** The user's "try now" on a queued record waiting out its backoff: due now. ok(false) if it is not queued. */
    sendNow(id: string, now: number = store.clock()): Promise<Result<boolean>> {
      return store.write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status !== 'queued') return { value: false, changed: [] };
        await records.put({ ...record, nextAttemptAt: now, updatedAt: now });
        return { value: true, changed: [id] };
      });
    },

    /** Deletes one record whatever its state, and returns it as it was, for `restore` (an undo); a sender still holding its lease then settles nothing. */
    discard(id: string): Promise<Result<OutboxRecord | undefined>> {
      return store.write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record) await records.delete(id);
        return { value: record, changed: record ? [id] : [] };
      });
    },

    /**
     * Undo of `discard`: puts the record back as it was. A pending record follows its destination's pause
     * as it is now (paused ↔ queued, due now). ok(false) when its id, or a pending twin queued meanwhile,
     * is already stored, so an undo never queues one page twice.
     */
    async restore(deleted: OutboxRecord, now: number = store.clock()): Promise<Result<boolean>> {
      // Parsed, so only the record's own fields are stored back.
      const parsed = outboxRecordSchema.safeParse(deleted);
      if (!parsed.success) return fail(keeplinkError('field-invalid', { field: 'record' }));
      const record = parsed.data;
      return store.write(async (tx) => {
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

    /** The user edited a failed capture (same id); it stays failed until retried. ok(undefined) if it is not failed. */
    async updateCapture(id: string, capture: Capture, now: number = store.clock()): Promise<Result<OutboxRecord | undefined>> {
      const invalid = validateCaptures([capture]);
      if (invalid) return fail(invalid);
      if (capture.id !== id) return fail(keeplinkError('field-invalid', { field: 'id' }));
      return store.write(async (tx) => {
        const records = tx.objectStore('records');
        const record = await records.get(id);
        if (record?.status !== 'failed') return { value: undefined, changed: [] };
        const next: OutboxRecord = { ...record, capture, destinationId: capture.destinationId, normalizedUrl: normalizeUrl(capture.page.url), updatedAt: now };
        await records.put(next);
        return { value: next, changed: [id] };
      });
    },

    /**
     * A destination is being removed and the user chose another for its undelivered captures: they are
     * queued there, due now (paused if that one is paused). Records in flight settle against the old one.
     */
    moveDestination(from: string, to: string, now: number = store.clock()): Promise<Result<number>> {
      return store.write(async (tx) => {
        if (from === to) return { value: 0, changed: [] };
        const targetPaused = (await tx.objectStore('pauses').count(to)) > 0;
        const index = tx.objectStore('records').index('byDestination');
        const moved: string[] = [];
        for (const status of ['queued', 'paused', 'failed'] as const) {
          await eachInRange(index.openCursor(destinationRange(from, status)), async (cursor) => {
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
          });
        }
        await tx.objectStore('pauses').delete(from);
        return { value: moved.length, changed: moved };
      });
    },

    /** A destination is being removed with its undelivered captures (the user chose so); delivered history stays. */
    removeByDestination(destinationId: string): Promise<Result<number>> {
      return store.write(async (tx) => {
        const index = tx.objectStore('records').index('byDestination');
        const removed: string[] = [];
        for (const status of UNDELIVERED_STATUSES) {
          await eachInRange(index.openCursor(destinationRange(destinationId, status)), async (cursor) => {
            removed.push(cursor.value.id);
            await cursor.delete();
          });
        }
        await tx.objectStore('pauses').delete(destinationId);
        return { value: removed.length, changed: removed };
      });
    },
  };
}
