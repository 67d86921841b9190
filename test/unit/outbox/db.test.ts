import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { deleteOutboxDatabase, OUTBOX_DB_NAME, OUTBOX_DB_VERSION, openOutboxDb } from '../../../lib/outbox/db';
import { normalizeUrl } from '../../../lib/outbox/normalize-url';
import { createOutbox } from '../../../lib/outbox/outbox';
import { makeCapture, must, T0 } from './fixtures';

/** The v1 schema exactly as it shipped, frozen here so the migration is tested against real old data. */
async function createV1Database(records: unknown[]): Promise<void> {
  const db = await openDB(OUTBOX_DB_NAME, 1, {
    upgrade(v1) {
      const store = v1.createObjectStore('records', { keyPath: 'id' });
      store.createIndex('due', ['status', 'nextAttemptAt']);
      store.createIndex('history', 'createdAt');
    },
  });
  for (const record of records) await db.put('records', record);
  db.close();
}

function v1Record(url: string, status: string, extra: Record<string, unknown> = {}) {
  const capture = makeCapture({ url });
  return {
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    status,
    createdAt: T0,
    updatedAt: T0,
    attempts: 0,
    nextAttemptAt: T0,
    ...extra,
  };
}

describe('outbox database', () => {
  it('creates every store and index on a fresh install', async () => {
    const db = await openOutboxDb();
    expect(db.version).toBe(OUTBOX_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['pauses', 'records']);
    const records = db.transaction('records').store;
    expect([...records.indexNames].sort()).toEqual(['byDestination', 'due', 'dup', 'history', 'purge']);
    expect(records.index('due').keyPath).toEqual(['status', 'nextAttemptAt']);
    expect(records.index('dup').keyPath).toEqual(['normalizedUrl', 'destinationId']);
  });

  it('migrates a v1 database with records: nothing lost, normalizedUrl backfilled, new indexes usable', async () => {
    const queued = v1Record('https://Example.com/a/?utm_source=x', 'queued');
    const synced = v1Record('https://example.com/b', 'synced', { syncedAt: T0, nextAttemptAt: T0, result: { id: 'k' }, attempts: 1 });
    await createV1Database([queued, synced]);

    const outbox = createOutbox();
    expect(await outbox.get(queued.id)).toEqual({ ...queued, normalizedUrl: 'https://example.com/a', retrySpentMs: 0 });
    expect(await outbox.get(synced.id)).toMatchObject({ status: 'synced', normalizedUrl: 'https://example.com/b' });
    expect(await outbox.countUndelivered('dest-a')).toBe(1);
    expect(await outbox.findDelivered(normalizeUrl('https://example.com/b#x'), 'dest-a')).toMatchObject({ id: synced.id });
    expect(must(await outbox.enqueue(makeCapture({ url: 'https://example.com/a' }))).duplicateOf).toBe(true);
    const claimed = must(await outbox.claimDue({ now: T0, limit: 5, leaseMs: 1000, destinationId: 'dest-a' }));
    expect(claimed.map((r) => r.id)).toEqual([queued.id]);
    expect(await outbox.listPauses()).toEqual([]);
  });

  it('migrates a v2 database with records to v3: nothing lost, purge index added and empty', async () => {
    // v2 as it shipped: v1 plus dup, byDestination and pauses.
    const queued = { ...v1Record('https://example.com/q', 'queued'), normalizedUrl: 'https://example.com/q', retrySpentMs: 0 };
    const db = await openDB(OUTBOX_DB_NAME, 2, {
      upgrade(v2) {
        const store = v2.createObjectStore('records', { keyPath: 'id' });
        store.createIndex('due', ['status', 'nextAttemptAt']);
        store.createIndex('history', 'createdAt');
        store.createIndex('dup', ['normalizedUrl', 'destinationId']);
        store.createIndex('byDestination', ['destinationId', 'status', 'nextAttemptAt']);
        v2.createObjectStore('pauses', { keyPath: 'destinationId' });
      },
    });
    await db.put('records', queued);
    await db.put('pauses', { destinationId: 'dest-a', error: { kind: 'keeplink-error', code: 'auth-invalid', retryable: false }, since: T0 });
    db.close();

    const outbox = createOutbox();
    expect(await outbox.get(queued.id)).toEqual(queued);
    expect(await outbox.getPause('dest-a')).toMatchObject({ error: { code: 'auth-invalid' } });
    const upgraded = await openOutboxDb();
    expect(upgraded.version).toBe(3);
    expect(await upgraded.transaction('records').store.index('purge').count()).toBe(0);
  });

  it('delivered incognito captures leave history after a grace period; others stay', async () => {
    const outbox = createOutbox();
    const incognito = must(await outbox.enqueue({ ...makeCapture({ url: 'https://example.com/private' }), incognito: true })).record;
    const normal = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/public' }))).record;
    const now = Date.now() + 1000;
    const claimed = must(await outbox.claimDue({ now, limit: 5, leaseMs: 60_000 }));
    expect(claimed).toHaveLength(2);
    for (const record of claimed) must(await outbox.markSynced(record.id, record.leaseToken!, { result: { id: 'x' }, now }));
    const year = 365 * 24 * 3600 * 1000;
    must(await outbox.prune({ now: now + 60_000, maxAgeMs: year, maxRecords: 100 }));
    expect(await outbox.get(incognito.id)).toMatchObject({ status: 'synced' });
    must(await outbox.prune({ now: now + 11 * 60_000, maxAgeMs: year, maxRecords: 100 }));
    expect(await outbox.get(incognito.id)).toBeUndefined();
    expect(await outbox.get(normal.id)).toMatchObject({ status: 'synced' });
  });

  it('closes its connection when another context upgrades, so the upgrade is not blocked', async () => {
    const outbox = createOutbox();
    must(await outbox.enqueue(makeCapture()));
    let blocked = false;
    const newer = await openDB(OUTBOX_DB_NAME, OUTBOX_DB_VERSION + 1, {
      blocked: () => {
        blocked = true;
      },
    });
    expect(blocked).toBe(false);
    expect(newer.version).toBe(OUTBOX_DB_VERSION + 1);
    newer.close();
  });

  it('recovers when its connection was closed under it ("database connection is closing")', async () => {
    const outbox = createOutbox();
    must(await outbox.enqueue(makeCapture()));
    const db = await openOutboxDb();
    db.close();
    expect(() => db.transaction('records')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(await outbox.countUndelivered()).toBe(1);
    must(await outbox.enqueue(makeCapture()));
    expect(await outbox.countUndelivered()).toBe(2);
    expect(await openOutboxDb()).not.toBe(db);
  });

  it('shares one connection per context', async () => {
    expect(await openOutboxDb()).toBe(await openOutboxDb());
  });
});

describe('deleteOutboxDatabase', () => {
  it('deletes every record, and the outbox opens empty afterwards', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(makeCapture());
    expect(await outbox.countUndelivered()).toBe(1);
    await deleteOutboxDatabase();
    expect(await outbox.countUndelivered()).toBe(0);
  });
});
