// Batched claims and settles: many leases in one transaction, each still checked by its own compare-and-set; and the
// orphan sweep, which walks only the destinations it does not know.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { countWriteTransactions, makeCapture, must, T0, testOutbox } from './fixtures';

afterEach(() => vi.restoreAllMocks());

async function queued(outbox: ReturnType<typeof testOutbox>['outbox'], count: number, destinationId: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(must(await outbox.enqueue(makeCapture({ destinationId }))).record.id);
  return ids;
}

describe('settleMany', () => {
  it('settles every kind in one transaction, refuses a lost lease alone, and applies them in order', async () => {
    const { outbox, notify } = testOutbox();
    await queued(outbox, 5, 'a');
    await queued(outbox, 2, 'b');
    const a = must(await outbox.claimDue({ now: T0, limit: 5, leaseMs: 60_000, destinationId: 'a' }));
    const b = must(await outbox.claimDue({ now: T0, limit: 2, leaseMs: 60_000, destinationId: 'b' }));
    notify.mockClear();
    const writes = countWriteTransactions();
    const lease = (record: (typeof a)[number]) => ({ id: record.id, leaseToken: record.leaseToken! });
    const applied = must(
      await outbox.settleMany([
        { kind: 'synced', ...lease(a[0]!), result: { id: 'r1' }, now: T0 + 1 },
        { kind: 'failed', ...lease(a[1]!), error: keeplinkError('bad-request'), now: T0 + 1 },
        { kind: 'retry', ...lease(a[2]!), error: keeplinkError('network'), nextAttemptAt: T0 + 30_000, retrySpentMs: 0, now: T0 + 1 },
        { kind: 'released', ...lease(a[3]!), dueAt: T0, now: T0 + 1 },
        { kind: 'synced', id: a[4]!.id, leaseToken: 'lost-lease', result: { id: 'never' }, now: T0 + 1 },
        // The pause comes first: the retry and the release after it, of the same destination, wait paused with it.
        { kind: 'paused', ...lease(b[0]!), error: keeplinkError('auth-invalid'), now: T0 + 1 },
        { kind: 'retry', ...lease(b[1]!), error: keeplinkError('network'), nextAttemptAt: T0 + 30_000, retrySpentMs: 0, now: T0 + 1 },
      ]),
    );
    expect(applied).toEqual([true, true, true, true, false, true, true]);
    expect(writes()).toBe(1);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(await outbox.get(a[0]!.id)).toMatchObject({ status: 'synced', result: { id: 'r1' }, attempts: 1 });
    expect(await outbox.get(a[1]!.id)).toMatchObject({ status: 'failed', lastError: { code: 'bad-request' }, attempts: 1 });
    expect(await outbox.get(a[2]!.id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 30_000, attempts: 1 });
    // Released: never sent, so no attempt is counted, and it is due again from when it was claimed.
    const released = await outbox.get(a[3]!.id);
    expect(released).toMatchObject({ status: 'queued', nextAttemptAt: T0, attempts: 0 });
    expect(released?.leaseToken).toBeUndefined();
    expect(await outbox.get(a[4]!.id)).toMatchObject({ status: 'sending', leaseToken: a[4]!.leaseToken });
    expect(await outbox.get(b[1]!.id)).toMatchObject({ status: 'paused', lastError: { code: 'network' } });
  });

  it('a record released after its destination paused waits paused, with the pause’s reason', async () => {
    const { outbox } = testOutbox();
    await queued(outbox, 2, 'a');
    const [first, second] = must(await outbox.claimDue({ now: T0, limit: 2, leaseMs: 60_000 }));
    must(await outbox.pauseDestination(first!.id, first!.leaseToken!, { error: keeplinkError('auth-invalid'), now: T0 }));
    expect(must(await outbox.settleMany([{ kind: 'released', id: second!.id, leaseToken: second!.leaseToken!, dueAt: T0, now: T0 }]))).toEqual([true]);
    expect(await outbox.get(second!.id)).toMatchObject({ status: 'paused', lastError: { code: 'auth-invalid' }, attempts: 0 });
  });
});

describe('claimDue with excluded destinations (the orphan sweep)', () => {
  it('claims only the unknown destinations’ due records, opening their ranges and never stepping over the known ones', async () => {
    const { outbox } = testOutbox();
    await queued(outbox, 30, 'known');
    const orphans = [...(await queued(outbox, 2, 'gone-1')), ...(await queued(outbox, 1, 'gone-2'))];
    // (idb knows a cursor's continue by identity, so the walks are observed where they open, not where they step.)
    const open = IDBIndex.prototype.openCursor;
    const walked: string[] = [];
    vi.spyOn(IDBIndex.prototype, 'openCursor').mockImplementation(function (this: IDBIndex, ...args: Parameters<IDBIndex['openCursor']>) {
      const [range] = args;
      walked.push(`${this.name} ${range instanceof IDBKeyRange ? String((range.lower as unknown[])[0]) : 'all'}`);
      return open.apply(this, args);
    });
    const claimed = must(await outbox.claimDue({ now: T0, limit: 50, leaseMs: 60_000, excludeDestinations: ['known'] }));
    expect(claimed.map((record) => record.id).sort()).toEqual([...orphans].sort());
    // Walking the `due` index would have stepped over all 30 records of "known": only the two unknown ranges are opened
    // (expired leases, then queued).
    expect(walked.sort()).toEqual(['byDestination gone-1', 'byDestination gone-1', 'byDestination gone-2', 'byDestination gone-2']);
    expect(must(await outbox.claimDue({ now: T0, limit: 50, leaseMs: 60_000, excludeDestinations: ['known'] }))).toEqual([]);
    expect(await outbox.countUndelivered('known')).toBe(30);
    expect((await outbox.list({ destinationId: 'known' })).every((record) => record.status === 'queued')).toBe(true);
  });

  it('still honours createdUpTo: a capture newer than the settings read is left for the next flush', async () => {
    const { outbox } = testOutbox();
    const [old] = await queued(outbox, 1, 'gone');
    const late = must(await outbox.enqueue(makeCapture({ destinationId: 'gone' }), { now: T0 + 5 })).record.id;
    const claimed = must(await outbox.claimDue({ now: T0 + 10, limit: 50, leaseMs: 60_000, excludeDestinations: ['known'], createdUpTo: T0 }));
    expect(claimed.map((record) => record.id)).toEqual([old]);
    expect((await outbox.get(late))?.status).toBe('queued');
  });
});
