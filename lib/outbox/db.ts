// Owns the outbox database: its versioned schema, real migrations, and one healthy connection per context.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { normalizeUrl } from './normalize-url';
import type { DestinationPause, OutboxRecord, OutboxStatus } from './record';

export const OUTBOX_DB_NAME = 'keeplink-outbox';

/**
 * v1: records (keyPath id) with `due` and `history`.
 * v2: `dup` and `byDestination` indexes, normalizedUrl backfilled, the `pauses` store.
 * v3: `purge` index on purgeAt, which only delivered incognito captures carry.
 */
export const OUTBOX_DB_VERSION = 3;

export interface OutboxDbSchema extends DBSchema {
  records: {
    key: string;
    value: OutboxRecord;
    indexes: {
      due: [OutboxStatus, number];
      history: number;
      dup: [string, string];
      /** Ends in nextAttemptAt so one destination's due records are claimed in order, without a scan. */
      byDestination: [string, OutboxStatus, number];
      /** Sparse: IndexedDB leaves out records without purgeAt, so it holds only what is due to go. */
      purge: number;
    };
  };
  pauses: {
    key: string;
    value: DestinationPause;
  };
}

export type OutboxDb = IDBPDatabase<OutboxDbSchema>;
type UpgradeTx = IDBPTransaction<OutboxDbSchema, StoreNames<OutboxDbSchema>[], 'versionchange'>;

/**
 * Each step brings a database from the previous version to its own, in order, so any older
 * database climbs every step (a fall-through switch, written as ifs because the compiler forbids
 * fall-through cases here). Stores are never dropped.
 */
async function upgrade(db: OutboxDb, oldVersion: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1) {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('due', ['status', 'nextAttemptAt']);
    records.createIndex('history', 'createdAt');
  }
  if (oldVersion < 2) {
    const records = tx.objectStore('records');
    records.createIndex('dup', ['normalizedUrl', 'destinationId']);
    records.createIndex('byDestination', ['destinationId', 'status', 'nextAttemptAt']);
    db.createObjectStore('pauses', { keyPath: 'destinationId' });
    if (oldVersion === 1) await backfillV2(tx);
  }
  if (oldVersion < 3) {
    // No backfill: records stored before v3 were never marked for purging.
    tx.objectStore('records').createIndex('purge', 'purgeAt');
  }
}

/** What v1 stored: no normalizedUrl, no retry-time accounting. */
type V1Record = Omit<OutboxRecord, 'normalizedUrl' | 'retrySpentMs' | 'firstFailureAt' | 'lastFailureAt' | 'lastRetryDelayMs'>;

/** Derives the fields v2 added, inside the upgrade transaction, so no v1 record is left without them. */
async function backfillV2(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('records').openCursor();
  while (cursor) {
    const old: V1Record = cursor.value;
    await cursor.update({ ...old, normalizedUrl: normalizeUrl(old.capture.page.url), retrySpentMs: 0 });
    cursor = await cursor.continue();
  }
}

const connections = new WeakMap<IDBFactory, Map<string, Promise<OutboxDb>>>();

function cacheFor(factory: IDBFactory): Map<string, Promise<OutboxDb>> {
  let byName = connections.get(factory);
  if (!byName) {
    byName = new Map();
    connections.set(factory, byName);
  }
  return byName;
}

/**
 * The context's one connection (per IndexedDB factory, so each test's fresh fake gets its own).
 * Another context upgrading the schema gets the connection closed at once rather than blocked.
 */
export function openOutboxDb(name: string = OUTBOX_DB_NAME): Promise<OutboxDb> {
  const cache = cacheFor(indexedDB);
  const cached = cache.get(name);
  if (cached) return cached;
  const forget = (): void => {
    if (cache.get(name) === opening) cache.delete(name);
  };
  const opening: Promise<OutboxDb> = openDB<OutboxDbSchema>(name, OUTBOX_DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => {
      // The upgrade transaction stays open while the backfill's requests are pending.
      void upgrade(db, oldVersion, tx).catch(() => tx.abort());
    },
    blocking: () => {
      forget();
      void opening.then((db) => db.close());
    },
    terminated: forget,
  });
  opening.catch(forget);
  cache.set(name, opening);
  return opening;
}

function isClosingError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'InvalidStateError';
}

async function dropConnection(name: string, db: OutboxDb): Promise<void> {
  const cache = cacheFor(indexedDB);
  const cached = cache.get(name);
  if (cached && (await cached) === db) cache.delete(name);
}

/**
 * Runs `operation` on the cached connection. When that connection was closed under us
 * ("database connection is closing"), reopens once and runs it again: starting a transaction
 * is what fails, so nothing was written the first time.
 */
export async function withOutboxDb<T>(name: string, operation: (db: OutboxDb) => Promise<T>): Promise<T> {
  const db = await openOutboxDb(name);
  try {
    return await operation(db);
  } catch (error) {
    if (!isClosingError(error)) throw error;
    await dropConnection(name, db);
    return operation(await openOutboxDb(name));
  }
}

/** "Delete all local data": closes this context's connection and deletes the database; other contexts close theirs on versionchange. */
export async function deleteOutboxDatabase(name: string = OUTBOX_DB_NAME): Promise<void> {
  const cache = cacheFor(indexedDB);
  const cached = cache.get(name);
  cache.delete(name);
  if (cached) (await cached.catch(() => undefined))?.close();
  await deleteDB(name);
}
