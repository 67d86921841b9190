// Owns reading the outbox (one record, the history list, counts, the next due time, a delivered twin or page) and retention.
import type { Result } from '../errors';
import { UNDELIVERED_STATUSES, type DestinationPause, type OutboxRecord, type OutboxStatus } from './record';
import { destinationRange, eachInRange, statusRange, type Store, type WriteTx } from './store';

export const DEFAULT_LIST_LIMIT = 200;

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

/** Deletes incognito captures that failed or wait paused, and the pauses left with nothing to resume. */
async function purgeEndedIncognito(tx: WriteTx): Promise<string[]> {
  const records = tx.objectStore('records');
  const removed: string[] = [];
  const emptied = new Set<string>();
  for (const status of ['failed', 'paused'] as const) {
    await eachInRange(records.index('due').openCursor(statusRange(status)), async (cursor) => {
      if (!cursor.value.capture.incognito) return;
      removed.push(cursor.primaryKey);
      if (status === 'paused') emptied.add(cursor.value.destinationId);
      await cursor.delete();
    });
  }
  for (const destinationId of emptied) {
    if ((await records.index('byDestination').count(destinationRange(destinationId, 'paused'))) === 0) await tx.objectStore('pauses').delete(destinationId);
  }
  return removed;
}

export function queries(store: Store) {
  return {
    get(id: string): Promise<OutboxRecord | undefined> {
      return store.read((db) => db.get('records', id));
    },

    /** Newest first, through the history index; stops at `limit` matches. */
    list(options: ListOptions = {}): Promise<OutboxRecord[]> {
      const limit = options.limit ?? DEFAULT_LIST_LIMIT;
      return store.read(async (db) => {
        const found: OutboxRecord[] = [];
        await eachInRange(db.transaction('records').store.index('history').openCursor(null, 'prev'), async (cursor) => {
          if (found.length >= limit) return false;
          const record = cursor.value;
          const matches =
            (options.status === undefined || record.status === options.status) &&
            (options.destinationId === undefined || record.destinationId === options.destinationId);
          if (matches) found.push(record);
          return true;
        });
        return found;
      });
    },

    listPauses(): Promise<DestinationPause[]> {
      return store.read((db) => db.getAll('pauses'));
    },

    getPause(destinationId: string): Promise<DestinationPause | undefined> {
      return store.read((db) => db.get('pauses', destinationId));
    },

    /** Queued + sending + paused + failed (the badge number), from index counts only. */
    countUndelivered(destinationId?: string): Promise<number> {
      return store.read(async (db) => {
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
      return store.read(async (db) => {
        const due = db.transaction('records').store.index('due');
        const firsts = await Promise.all(
          (['queued', 'sending'] as const).map(async (status) => (await due.openKeyCursor(statusRange(status)))?.key[1]),
        );
        const times = firsts.filter((time) => time !== undefined);
        return times.length > 0 ? Math.min(...times) : undefined;
      });
    },

    /** The newest delivered record of this page for this destination ("Already saved on DATE"); local history only. */
    findDelivered(normalizedUrl: string, destinationId: string): Promise<OutboxRecord | undefined> {
      return store.read(async (db) => {
        const twins = await db.getAllFromIndex('records', 'dup', [normalizedUrl, destinationId]);
        let newest: OutboxRecord | undefined;
        for (const twin of twins) {
          if (twin.status === 'synced' && (newest === undefined || (twin.syncedAt ?? 0) > (newest.syncedAt ?? 0))) newest = twin;
        }
        return newest;
      });
    },

    /**
     * A delivered capture of this page to any destination (the toolbar's "already saved" mark), from the `dup` index's
     * range for the URL; an incognito capture counts only for an incognito tab.
     */
    findSavedPage(normalizedUrl: string, options: { incognito: boolean }): Promise<OutboxRecord | undefined> {
      return store.read(async (db) => {
        // Every destination id of this URL sorts between [url] and [url, []] (arrays sort after strings).
        const twins = await db.getAllFromIndex('records', 'dup', IDBKeyRange.bound([normalizedUrl], [normalizedUrl, []]));
        return twins.find((twin) => twin.status === 'synced' && (options.incognito || !twin.capture.incognito));
      });
    },

    /**
     * Retention: deletes delivered records older than maxAgeMs, and the oldest beyond maxRecords.
     * Walks only the synced range of `due` (ordered by syncedAt); other states are never pruned,
     * except an ended incognito session's failed and paused captures.
     */
    prune(options: PruneOptions): Promise<Result<number>> {
      const now = options.now ?? store.clock();
      const cutoff = now - options.maxAgeMs;
      return store.write(async (tx) => {
        const records = tx.objectStore('records');
        const removed: string[] = [];
        await eachInRange(records.index('purge').openCursor(IDBKeyRange.upperBound(now)), async (cursor) => {
          removed.push(cursor.primaryKey);
          await cursor.delete();
        });
        if (options.endedIncognito) removed.push(...(await purgeEndedIncognito(tx)));
        const due = records.index('due');
        let excess = (await due.count(statusRange('synced'))) - options.maxRecords;
        await eachInRange(due.openCursor(statusRange('synced')), async (cursor) => {
          if (excess <= 0 && cursor.key[1] >= cutoff) return false;
          removed.push(cursor.primaryKey);
          await cursor.delete();
          excess -= 1;
          return true;
        });
        return { value: removed.length, changed: removed };
      });
    },
  };
}
