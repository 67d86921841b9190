// Owns the outbox's access to IndexedDB: one read helper, one all-or-nothing write transaction, key ranges, one cursor walk.
import { fail, keeplinkError, ok, type KeeplinkError, type Result } from '../errors';
import { postOutboxChanged } from './changes';
import { OUTBOX_DB_NAME, withOutboxDb, type OutboxDb } from './db';
import { PENDING_STATUSES, type OutboxRecord, type OutboxStatus } from './record';

export interface OutboxDeps {
  dbName?: string;
  now?: () => number;
  newLeaseToken?: () => string;
  /** Called with the ids a committed write changed. */
  notify?: (ids: readonly string[]) => void;
}

const writeTransaction = (db: OutboxDb) => db.transaction(['records', 'pauses'], 'readwrite');

export type WriteTx = ReturnType<typeof writeTransaction>;

/** What a write body returns: its value, and the record ids it changed (for the change notice). */
export interface Written<T> {
  value: T;
  changed: readonly string[];
}

export interface Store {
  clock(): number;
  newLeaseToken(): string;
  read<T>(operation: (db: OutboxDb) => Promise<T>): Promise<T>;
  /** One readwrite transaction: commits all of `body` or nothing, then notifies the changed ids. */
  write<T>(body: (tx: WriteTx) => Promise<Written<T>>): Promise<Result<T>>;
}

export function createStore(deps: OutboxDeps = {}): Store {
  const dbName = deps.dbName ?? OUTBOX_DB_NAME;
  const notify = deps.notify ?? postOutboxChanged;
  return {
    clock: deps.now ?? (() => Date.now()),
    newLeaseToken: deps.newLeaseToken ?? (() => crypto.randomUUID()),
    read: (operation) => withOutboxDb(dbName, operation),
    async write(body) {
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
    },
  };
}

function storageError(error: unknown): KeeplinkError {
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : 'unknown';
  if (name === 'QuotaExceededError') return keeplinkError('storage-quota');
  return keeplinkError('storage-failed', { details: { name } });
}

/** One status of the `due` index ([status, nextAttemptAt]), up to a time. */
export const statusRange = (status: OutboxStatus, upTo = Infinity): IDBKeyRange => IDBKeyRange.bound([status, -Infinity], [status, upTo]);

/** One destination's records in one status, through `byDestination` ([destinationId, status, nextAttemptAt]). */
export const destinationRange = (destinationId: string, status: OutboxStatus, upTo = Infinity): IDBKeyRange =>
  IDBKeyRange.bound([destinationId, status, -Infinity], [destinationId, status, upTo]);

/** Walks a cursor from its first position; `visit` returns false to stop early. */
export async function eachInRange<C extends { continue(): Promise<C | null> }>(
  first: Promise<C | null>,
  visit: (cursor: C) => Promise<boolean | void>,
): Promise<void> {
  let cursor = await first;
  while (cursor) {
    if ((await visit(cursor)) === false) return;
    cursor = await cursor.continue();
  }
}

export const isPending = (status: OutboxStatus): boolean => (PENDING_STATUSES as readonly OutboxStatus[]).includes(status);

/** Clears retry-time accounting, for a record the user sends again or to another destination. */
export function freshRetryState(record: OutboxRecord): OutboxRecord {
  const { firstFailureAt: _first, lastFailureAt: _last, lastRetryDelayMs: _delay, leaseToken: _lease, ...rest } = record;
  return { ...rest, attempts: 0, retrySpentMs: 0 };
}

/** Moves a paused destination's records back to queued, due now, and lifts the pause. */
export async function resumeIn(tx: WriteTx, destinationId: string, now: number): Promise<string[]> {
  await tx.objectStore('pauses').delete(destinationId);
  const resumed: string[] = [];
  await eachInRange(tx.objectStore('records').index('byDestination').openCursor(destinationRange(destinationId, 'paused')), async (cursor) => {
    await cursor.update({ ...cursor.value, status: 'queued', nextAttemptAt: now, updatedAt: now });
    resumed.push(cursor.value.id);
  });
  return resumed;
}
