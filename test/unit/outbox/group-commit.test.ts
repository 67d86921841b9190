// The store's group commit: writes asked for while one commits share the next transaction, and each keeps its own
// checks (the lease compare-and-set) and its own answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { createOutbox } from '../../../lib/outbox/outbox';
import { createStore } from '../../../lib/outbox/store';
import { countWriteTransactions, makeCapture, must, T0 } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const SYNCED = { result: { id: 'remote-1' }, now: T0 } as const;

describe('group commit', () => {
  it('settles that arrive while a transaction commits share the next one, and each lease is still checked on its own', async () => {
    const notify = vi.fn();
    const outbox = createOutbox({ now: () => T0, notify });
    for (let i = 0; i < 4; i++) must(await outbox.enqueue(makeCapture({ destinationId: 'a' })));
    const claimed = must(await outbox.claimDue({ now: T0, limit: 4, leaseMs: 60_000 }));
    expect(claimed).toHaveLength(4);
    notify.mockClear();
    const writes = countWriteTransactions();

    // Five settles asked for at once: the first may start a transaction alone, the rest wait for it and share one.
    const settles = [
      ...claimed.map((record) => outbox.markSynced(record.id, record.leaseToken!, SYNCED)),
      // A stale lease in the same batch: refused, without failing its neighbours.
      outbox.markSynced(claimed[1]!.id, 'lost-lease', SYNCED),
    ];
    expect((await Promise.all(settles)).map(must)).toEqual([true, true, true, true, false]);
    expect(writes()).toBeLessThanOrEqual(2);
    for (const record of claimed) expect(await outbox.get(record.id)).toMatchObject({ status: 'synced', result: { id: 'remote-1' } });
    // One change notice per committed transaction, naming what it changed.
    expect(notify).toHaveBeenCalledTimes(writes());
    expect(notify.mock.calls.flatMap(([ids]) => ids).sort()).toEqual(claimed.map((r) => r.id).sort());
  });

  it('claims that share a transaction never lease one record twice', async () => {
    const outbox = createOutbox({ now: () => T0, notify: () => undefined });
    for (let i = 0; i < 3; i++) must(await outbox.enqueue(makeCapture({ destinationId: 'a' })));
    const writes = countWriteTransactions();
    const claims = await Promise.all(Array.from({ length: 4 }, () => outbox.claimDue({ now: T0, limit: 1, leaseMs: 60_000, destinationId: 'a' })));
    const ids = claims.flatMap((claim) => must(claim).map((record) => record.id));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(writes()).toBeLessThanOrEqual(2);
  });

  it('a write that throws fails every write of its transaction, commits none of them, and the next transaction goes on', async () => {
    const notify = vi.fn();
    const store = createStore({ now: () => T0, notify });
    const put = (id: string) => store.write(async (tx) => {
      await tx.objectStore('pauses').put({ destinationId: id, error: keeplinkError('permission-missing'), since: T0 });
      return { value: id, changed: [id] };
    });
    const running = put('first');
    const doomed = [
      put('kept-out'),
      store.write(async () => {
        throw new DOMException('over quota', 'QuotaExceededError');
      }),
    ];
    expect(must(await running)).toBe('first');
    const failed = await Promise.all(doomed);
    expect(failed.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['storage-quota', 'storage-quota']);
    expect(must(await put('after'))).toBe('after');
    const stored = await store.read((db) => db.getAllKeys('pauses'));
    expect(stored.sort()).toEqual(['after', 'first']);
    expect(notify.mock.calls.map(([ids]) => ids)).toEqual([['first'], ['after']]);
  });
});
