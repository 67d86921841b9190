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
  /**
   * One readwrite transaction: commits all of `body` or nothing, then notifies the changed ids. Writes asked for
   * while another is committing share the next transaction (see createStore).
   */
  write<T>(body: (tx: WriteTx) => Promise<Written<T>>): Promise<Result<T>>;
}

/** A queued write: `run` does its part of the shared transaction and returns how to answer its caller once committed. */
interface PendingWrite {
  run(tx: WriteTx): Promise<{ changed: readonly string[]; answer(): void }>;
  fail(error: KeeplinkError): void;
}

export function createStore(deps: OutboxDeps = {}): Store {
  const dbName = deps.dbName ?? OUTBOX_DB_NAME;
  const notify = deps.notify ?? postOutboxChanged;
  // Group commit: a write asked for while this context's transaction is in flight waits for it, then runs with every
  // other waiting write in one transaction. The flush's lanes claim and settle concurrently, so they share commits
  // (the per-transaction cost is what limits a drain), while each body still reads and checks its own records
  // (the lease compare-and-set) inside the transaction. An idle write starts at once.
  let waiting: PendingWrite[] = [];
  let inFlight = false;

  const commit = async (batch: readonly PendingWrite[]): Promise<void> => {
    try {
      const outs = await withOutboxDb(dbName, async (db) => {
        const tx = writeTransaction(db);
        try {
          const done: Awaited<ReturnType<PendingWrite['run']>>[] = [];
          for (const write of batch) done.push(await write.run(tx));
          await tx.done;
          return done;
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
      const changed = outs.flatMap((out) => out.changed);
      if (changed.length > 0) notify(changed);
      for (const out of outs) out.answer();
    } catch (error) {
      // All or nothing for the whole transaction: every write in it failed, and each caller is told so.
      for (const write of batch) write.fail(storageError(error));
    }
  };

  const drain = async (): Promise<void> => {
    inFlight = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await commit(batch);
    }
    inFlight = false;
  };

  return {
    clock: deps.now ?? (() => Date.now()),
    newLeaseToken: deps.newLeaseToken ?? (() => crypto.randomUUID()),
    read: (operation) => withOutboxDb(dbName, operation),
    write<T>(body: (tx: WriteTx) => Promise<Written<T>>): Promise<Result<T>> {
      return new Promise<Result<T>>((resolve) => {
        waiting.push({
          run: async (tx) => {
            const { value, changed } = await body(tx);
            return { changed, answer: () => resolve(ok(value)) };
          },
          fail: (error) => resolve(fail(error)),
        });
        if (!inFlight) void drain();
      });
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
