import { describe, expect, it, vi } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { normalizeUrl } from '../../../lib/outbox/normalize-url';
import type { Outbox } from '../../../lib/outbox/outbox';
import { fakeClock, makeCapture, must, T0, testOutbox } from './fixtures';

const LEASE = 60_000;
const serverError = keeplinkError('server-error', { retryable: true, status: 503 });
const authError = keeplinkError('auth-invalid', { status: 401 });

async function claimAll(outbox: Outbox, now: number, destinationId?: string, limit = 100) {
  return must(await outbox.claimDue({ now, limit, leaseMs: LEASE, ...(destinationId ? { destinationId } : {}) }));
}

describe('enqueue', () => {
  it('stores a queued record due now, with the normalized URL and no key', async () => {
    const { outbox, notify } = testOutbox();
    const capture = makeCapture({ url: 'https://Example.com:443/a/?utm_source=x&b=2&a=1#top' });
    const { record, duplicateOf } = must(await outbox.enqueue(capture));
    expect(duplicateOf).toBe(false);
    expect(record).toMatchObject({
      id: capture.id,
      status: 'queued',
      destinationId: 'dest-a',
      normalizedUrl: 'https://example.com/a?a=1&b=2',
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
      retrySpentMs: 0,
    });
    expect(JSON.stringify(record)).not.toMatch(/apiKey|authorization/i);
    expect(await outbox.get(capture.id)).toEqual(record);
    expect(notify).toHaveBeenCalledWith([capture.id]);
  });

  it('rejects an invalid capture without storing it', async () => {
    const { outbox } = testOutbox();
    const bad = { ...makeCapture(), id: 'not-a-uuid' };
    const result = await outbox.enqueue(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('field-invalid');
    expect(await outbox.countUndelivered()).toBe(0);
  });

  it('returns the pending record instead of queueing the same page twice for one destination', async () => {
    const { outbox, notify } = testOutbox();
    const first = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/x?fbclid=1' })));
    notify.mockClear();
    const again = must(await outbox.enqueue(makeCapture({ url: 'https://EXAMPLE.com/x/#frag' })));
    expect(again).toEqual({ record: first.record, duplicateOf: true });
    expect(notify).not.toHaveBeenCalled();
    const elsewhere = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/x', destinationId: 'dest-b' })));
    expect(elsewhere.duplicateOf).toBe(false);
    expect(await outbox.countUndelivered()).toBe(2);
  });

  it('treats a sending or paused twin as pending, but queues again once the first was delivered', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const first = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/y' })));
    const [claimed] = await claimAll(outbox, T0);
    expect(must(await outbox.enqueue(makeCapture({ url: 'https://example.com/y' }))).duplicateOf).toBe(true);
    must(await outbox.markSynced(first.record.id, claimed!.leaseToken!, { result: { id: 'k1' } }));
    const second = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/y' })));
    expect(second.duplicateOf).toBe(false);
  });

  it('returns the existing record when the same capture id is enqueued twice', async () => {
    const { outbox } = testOutbox();
    const capture = makeCapture();
    must(await outbox.enqueue(capture));
    const again = must(await outbox.enqueue({ ...capture, page: { ...capture.page, url: 'https://other.example/' } }));
    expect(again.duplicateOf).toBe(true);
    expect(again.record.capture.page.url).toBe(capture.page.url);
  });

  it('stores a capture for a paused destination as paused', async () => {
    const { outbox } = testOutbox();
    const first = must(await outbox.enqueue(makeCapture()));
    const [claimed] = await claimAll(outbox, T0);
    must(await outbox.pauseDestination(first.record.id, claimed!.leaseToken!, { error: authError }));
    const next = must(await outbox.enqueue(makeCapture()));
    expect(next.record.status).toBe('paused');
  });
});

describe('enqueueMany', () => {
  it('stores 1,000 captures in one transaction, dropping in-batch duplicates', async () => {
    const { outbox, notify } = testOutbox();
    const captures = Array.from({ length: 1000 }, (_, i) => makeCapture({ url: `https://example.com/bulk/${i}` }));
    captures.push(makeCapture({ url: 'https://example.com/bulk/7?utm_medium=email' }));
    await outbox.countUndelivered(); // opens the database first
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const results = must(await outbox.enqueueMany(captures));
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(transaction.mock.calls[0]![1]).toBe('readwrite');
    expect(results).toHaveLength(1001);
    expect(results[1000]).toEqual({ record: results[7]!.record, duplicateOf: true });
    expect(await outbox.countUndelivered()).toBe(1000);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]![0]).toHaveLength(1000);
  });

  it('stores nothing from a batch with one invalid capture', async () => {
    const { outbox } = testOutbox();
    const result = await outbox.enqueueMany([makeCapture(), { ...makeCapture(), tags: 'x' as unknown as string[] }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toMatchObject({ index: 1 });
    expect(await outbox.countUndelivered()).toBe(0);
  });
});

describe('claimDue', () => {
  it('leases only due records, up to the limit, and never hands one out twice', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(must(await outbox.enqueue(makeCapture())).record.id);
    const claimed = must(await outbox.claimDue({ now: T0, limit: 2, leaseMs: LEASE }));
    expect(claimed.map((r) => r.id)).toEqual(ids.slice(0, 2));
    for (const record of claimed) {
      expect(record).toMatchObject({ status: 'sending', nextAttemptAt: T0 + LEASE, attempts: 0 });
      expect(record.leaseToken).toEqual(expect.any(String));
      expect(await outbox.get(record.id)).toEqual(record);
    }
    expect(claimed[0]!.leaseToken).not.toBe(claimed[1]!.leaseToken);
    const rest = await claimAll(outbox, T0);
    expect(rest.map((r) => r.id)).toEqual([ids[2]]);
    expect(await claimAll(outbox, T0 + LEASE - 1)).toEqual([]);
  });

  it('skips records that are not due yet, excluded destinations, and claims per destination', async () => {
    const { outbox } = testOutbox();
    const a = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const b = must(await outbox.enqueue(makeCapture({ destinationId: 'b' }))).record;
    expect(must(await outbox.claimDue({ now: T0 - 1, limit: 10, leaseMs: LEASE }))).toEqual([]);
    const notA = must(await outbox.claimDue({ now: T0, limit: 10, leaseMs: LEASE, excludeDestinations: ['a'] }));
    expect(notA.map((r) => r.id)).toEqual([b.id]);
    expect(await claimAll(outbox, T0, 'b')).toEqual([]);
    expect((await claimAll(outbox, T0, 'a')).map((r) => r.id)).toEqual([a.id]);
  });

  it('re-leases a record whose sender died, and refuses the dead sender settling later', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const { record } = must(await outbox.enqueue(makeCapture()));
    const [dead] = await claimAll(outbox, T0);
    // The worker is killed here: no settle. Before the lease ends nobody may take the record.
    expect(await claimAll(outbox, T0 + LEASE - 1)).toEqual([]);
    const [again] = await claimAll(outbox, T0 + LEASE);
    expect(again).toMatchObject({ id: record.id, status: 'sending', attempts: 1, nextAttemptAt: T0 + 2 * LEASE });
    expect(again!.leaseToken).not.toBe(dead!.leaseToken);

    expect(must(await outbox.markSynced(record.id, dead!.leaseToken!, { result: { id: 'old' } }))).toBe(false);
    expect(must(await outbox.markFailed(record.id, dead!.leaseToken!, { error: serverError }))).toBe(false);
    expect(await outbox.get(record.id)).toEqual(again);
    expect(must(await outbox.markSynced(record.id, again!.leaseToken!, { result: { id: 'new' } }))).toBe(true);
    expect(await outbox.get(record.id)).toMatchObject({ status: 'synced', result: { id: 'new' }, attempts: 2 });
  });
});

describe('settling', () => {
  async function sending(outbox: Outbox, destinationId = 'dest-a') {
    const { record } = must(await outbox.enqueue(makeCapture({ destinationId })));
    const [claimed] = await claimAll(outbox, T0, destinationId);
    return { id: record.id, lease: claimed!.leaseToken! };
  }

  it('markSynced stores the result and warning, and drops the lease', async () => {
    const { outbox } = testOutbox();
    const { id, lease } = await sending(outbox);
    const warning = keeplinkError('malformed-response', { status: 201 });
    expect(must(await outbox.markSynced(id, lease, { result: { id: 'k', link: 'https://s.example/k' }, warning, now: T0 + 5 }))).toBe(true);
    const record = await outbox.get(id);
    expect(record).toMatchObject({ status: 'synced', syncedAt: T0 + 5, attempts: 1, result: { id: 'k' }, warning });
    expect(record?.leaseToken).toBeUndefined();
    expect(must(await outbox.markSynced(id, lease, { result: {} }))).toBe(false);
  });

  it('markRetry queues it again for later, with the error and retry accounting', async () => {
    const { outbox } = testOutbox();
    const { id, lease } = await sending(outbox);
    must(await outbox.markRetry(id, lease, { error: serverError, nextAttemptAt: T0 + 30_000, retrySpentMs: 0, now: T0 + 10 }));
    expect(await outbox.get(id)).toMatchObject({
      status: 'queued',
      nextAttemptAt: T0 + 30_000,
      lastError: serverError,
      attempts: 1,
      firstFailureAt: T0 + 10,
      lastFailureAt: T0 + 10,
      lastRetryDelayMs: 29_990,
    });
    expect(await claimAll(outbox, T0 + 29_999)).toEqual([]);
    expect(await claimAll(outbox, T0 + 30_000)).toHaveLength(1);
  });

  it('markFailed keeps the record with its error until the user edits and retries it', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const { id, lease } = await sending(outbox);
    const rejected = keeplinkError('unprocessable', { status: 422, serverMessage: 'title too long' });
    must(await outbox.markFailed(id, lease, { error: rejected }));
    expect(await outbox.get(id)).toMatchObject({ status: 'failed', lastError: rejected, attempts: 1 });
    expect(await claimAll(outbox, T0 + 10 * LEASE)).toEqual([]);

    const edited = { ...(await outbox.get(id))!.capture, page: { url: 'https://example.com/edited/', title: 'Shorter' } };
    const updated = must(await outbox.updateCapture(id, edited));
    expect(updated).toMatchObject({ status: 'failed', normalizedUrl: 'https://example.com/edited', capture: edited });
    expect(must(await outbox.retry(id, T0 + 1))).toBe(true);
    expect(await outbox.get(id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 1, attempts: 0, retrySpentMs: 0 });
    expect(must(await outbox.retry(id, T0 + 2))).toBe(false);
  });

  it('updateCapture refuses records that are not failed, and a capture with another id', async () => {
    const { outbox } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    expect(must(await outbox.updateCapture(record.id, record.capture))).toBeUndefined();
    const other = await outbox.updateCapture(record.id, makeCapture());
    expect(other.ok).toBe(false);
  });

  it('a settle with a wrong token changes nothing, whatever the outcome', async () => {
    const { outbox } = testOutbox();
    const { id } = await sending(outbox);
    const before = await outbox.get(id);
    expect(must(await outbox.markRetry(id, 'stale', { error: serverError, nextAttemptAt: T0, retrySpentMs: 0 }))).toBe(false);
    expect(must(await outbox.markFailed(id, 'stale', { error: serverError }))).toBe(false);
    expect(must(await outbox.pauseDestination(id, 'stale', { error: authError }))).toBe(false);
    expect(must(await outbox.markSynced('missing-id', 'stale', { result: {} }))).toBe(false);
    expect(await outbox.get(id)).toEqual(before);
    expect(await outbox.getPause('dest-a')).toBeUndefined();
  });
});

describe('paused destinations', () => {
  it('pause moves that destination’s queued records to paused, keeps others, and blocks claims', async () => {
    const { outbox } = testOutbox();
    const a1 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const [claimed] = await claimAll(outbox, T0, 'a');
    const a2 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const b1 = must(await outbox.enqueue(makeCapture({ destinationId: 'b' }))).record;
    expect(must(await outbox.pauseDestination(a1.id, claimed!.leaseToken!, { error: authError, now: T0 + 1, attempted: false }))).toBe(true);

    expect(await outbox.getPause('a')).toEqual({ destinationId: 'a', error: authError, since: T0 + 1 });
    expect(await outbox.get(a1.id)).toMatchObject({ status: 'paused', lastError: authError, attempts: 0 });
    expect((await outbox.get(a2.id))?.status).toBe('paused');
    expect((await outbox.get(b1.id))?.status).toBe('queued');
    expect((await claimAll(outbox, T0 + 10 * LEASE)).map((r) => r.id)).toEqual([b1.id]);
    expect(await outbox.countUndelivered('a')).toBe(2);
  });

  it('a sibling in flight when the pause came settles a retry as paused', async () => {
    const { outbox } = testOutbox();
    const a1 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const a2 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const [c1, c2] = await claimAll(outbox, T0, 'a');
    must(await outbox.pauseDestination(a1.id, c1!.leaseToken!, { error: authError }));
    expect((await outbox.get(a2.id))?.status).toBe('sending');
    must(await outbox.markRetry(a2.id, c2!.leaseToken!, { error: serverError, nextAttemptAt: T0 + 99_999, retrySpentMs: 0 }));
    expect(await outbox.get(a2.id)).toMatchObject({ status: 'paused', nextAttemptAt: T0 });
  });

  it('an expired lease of a paused destination goes to paused, not back out', async () => {
    const { outbox } = testOutbox();
    const a1 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const a2 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const [c1] = await claimAll(outbox, T0, 'a');
    must(await outbox.pauseDestination(a1.id, c1!.leaseToken!, { error: authError }));
    expect(await claimAll(outbox, T0 + 2 * LEASE)).toEqual([]);
    expect((await outbox.get(a2.id))?.status).toBe('paused');
  });

  it('resume queues every paused record due now and lifts the pause; retry on a paused record does the same', async () => {
    const { outbox, notify } = testOutbox();
    const a1 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const a2 = must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record;
    const [c1] = await claimAll(outbox, T0, 'a', 1);
    must(await outbox.pauseDestination(a1.id, c1!.leaseToken!, { error: authError }));
    notify.mockClear();
    expect(must(await outbox.resumeDestination('a', T0 + 500))).toBe(2);
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining([a1.id, a2.id]));
    expect(await outbox.getPause('a')).toBeUndefined();
    for (const id of [a1.id, a2.id]) expect(await outbox.get(id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 500 });

    const [d1] = await claimAll(outbox, T0 + 500, 'a', 1);
    must(await outbox.pauseDestination(d1!.id, d1!.leaseToken!, { error: authError }));
    expect(must(await outbox.retry(a2.id, T0 + 900))).toBe(true);
    expect(await outbox.listPauses()).toEqual([]);
    expect((await claimAll(outbox, T0 + 900)).map((r) => r.id).sort()).toEqual([a1.id, a2.id].sort());
  });
});

describe('reading', () => {
  it('lists newest first with filters and a limit', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const ids: string[] = [];
    for (const destinationId of ['a', 'b', 'a', 'b']) {
      clock.advance(1000);
      ids.push(must(await outbox.enqueue(makeCapture({ destinationId }))).record.id);
    }
    expect((await outbox.list()).map((r) => r.id)).toEqual([...ids].reverse());
    expect((await outbox.list({ destinationId: 'a' })).map((r) => r.id)).toEqual([ids[2], ids[0]]);
    expect((await outbox.list({ limit: 1 })).map((r) => r.id)).toEqual([ids[3]]);
    expect(await outbox.list({ status: 'synced' })).toEqual([]);
  });

  it('counts undelivered records by state from the indexes, overall and per destination', async () => {
    const { outbox } = testOutbox();
    const made = [];
    for (const destinationId of ['a', 'a', 'a', 'a', 'b']) made.push(must(await outbox.enqueue(makeCapture({ destinationId }))).record);
    const claimed = await claimAll(outbox, T0, 'a');
    must(await outbox.markSynced(claimed[0]!.id, claimed[0]!.leaseToken!, { result: {} }));
    must(await outbox.markFailed(claimed[1]!.id, claimed[1]!.leaseToken!, { error: serverError }));
    // claimed[2] stays sending; claimed[3] is queued again.
    must(await outbox.markRetry(claimed[3]!.id, claimed[3]!.leaseToken!, { error: serverError, nextAttemptAt: T0 + 1, retrySpentMs: 0 }));
    expect(await outbox.countUndelivered()).toBe(4);
    expect(await outbox.countUndelivered('a')).toBe(3);
    expect(await outbox.countUndelivered('b')).toBe(1);
    must(await outbox.discard(made[4]!.id));
    expect(await outbox.countUndelivered()).toBe(3);
    expect(must(await outbox.discard(made[4]!.id))).toBeUndefined();
  });

  it('nextDueAt is the earliest queued or sending time, read from the first keys of the due index', async () => {
    const { outbox } = testOutbox();
    expect(await outbox.nextDueAt()).toBeUndefined();
    const records = [];
    for (let i = 0; i < 40; i++) records.push(must(await outbox.enqueue(makeCapture())).record);
    const claimed = await claimAll(outbox, T0);
    for (const [i, record] of claimed.entries()) {
      if (i < 30) must(await outbox.markSynced(record.id, record.leaseToken!, { result: {}, now: T0 - 5000 }));
      else if (i < 35) must(await outbox.markFailed(record.id, record.leaseToken!, { error: serverError, now: T0 - 4000 }));
      else if (i < 39) must(await outbox.markRetry(record.id, record.leaseToken!, { error: serverError, nextAttemptAt: T0 + 1000 * i, retrySpentMs: 0 }));
    }
    // One record is still sending, its lease ending at T0 + LEASE; the earliest queued is due at T0 + 35,000.

    const indexCursor = vi.spyOn(IDBIndex.prototype, 'openKeyCursor');
    const indexValueCursor = vi.spyOn(IDBIndex.prototype, 'openCursor');
    const storeScan = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const advance = vi.spyOn(IDBCursor.prototype, 'continue');
    expect(await outbox.nextDueAt()).toBe(T0 + 35_000);
    expect(indexCursor).toHaveBeenCalledTimes(2);
    expect(indexCursor.mock.contexts.every((index) => (index as IDBIndex).name === 'due')).toBe(true);
    expect(indexValueCursor).not.toHaveBeenCalled();
    expect(storeScan).not.toHaveBeenCalled();
    expect(storeGetAll).not.toHaveBeenCalled();
    expect(advance).not.toHaveBeenCalled();
  });

  it('findDelivered returns the newest delivered record of the normalized page for that destination', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    for (const syncedAt of [T0 + 100, T0 + 300, T0 + 200]) {
      const { record } = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/post?utm_campaign=z' })));
      const [claimed] = await claimAll(outbox, T0, 'dest-a');
      must(await outbox.markSynced(record.id, claimed!.leaseToken!, { result: { id: String(syncedAt) }, now: syncedAt }));
    }
    must(await outbox.enqueue(makeCapture({ url: 'https://example.com/post' })));
    const found = await outbox.findDelivered(normalizeUrl('https://example.com/post/#c'), 'dest-a');
    expect(found).toMatchObject({ status: 'synced', syncedAt: T0 + 300 });
    expect(await outbox.findDelivered(normalizeUrl('https://example.com/post'), 'dest-b')).toBeUndefined();
    expect(await outbox.findDelivered(normalizeUrl('https://example.com/other'), 'dest-a')).toBeUndefined();
  });
});

describe('destination removal', () => {
  it('moveDestination requeues queued, paused and failed records on the new destination; history and flights stay', async () => {
    const { outbox } = testOutbox();
    const queued = must(await outbox.enqueue(makeCapture({ destinationId: 'old' }))).record;
    const failedOne = must(await outbox.enqueue(makeCapture({ destinationId: 'old' }))).record;
    const syncedOne = must(await outbox.enqueue(makeCapture({ destinationId: 'old' }))).record;
    const flying = must(await outbox.enqueue(makeCapture({ destinationId: 'old' }))).record;
    const claimed = await claimAll(outbox, T0, 'old');
    const byId = new Map(claimed.map((r) => [r.id, r.leaseToken!]));
    must(await outbox.markFailed(failedOne.id, byId.get(failedOne.id)!, { error: serverError }));
    must(await outbox.markSynced(syncedOne.id, byId.get(syncedOne.id)!, { result: {} }));
    must(await outbox.markRetry(queued.id, byId.get(queued.id)!, { error: serverError, nextAttemptAt: T0 + 1e6, retrySpentMs: 5 }));
    const paused = must(await outbox.enqueue(makeCapture({ destinationId: 'old' }))).record;
    const [pc] = await claimAll(outbox, T0, 'old');
    must(await outbox.pauseDestination(paused.id, pc!.leaseToken!, { error: authError }));

    expect(must(await outbox.moveDestination('old', 'new', T0 + 7))).toBe(3);
    for (const id of [queued.id, failedOne.id, paused.id]) {
      const record = await outbox.get(id);
      expect(record).toMatchObject({ destinationId: 'new', status: 'queued', nextAttemptAt: T0 + 7, attempts: 0, retrySpentMs: 0 });
      expect(record?.capture.destinationId).toBe('new');
    }
    expect(await outbox.get(syncedOne.id)).toMatchObject({ destinationId: 'old', status: 'synced' });
    expect(await outbox.get(flying.id)).toMatchObject({ destinationId: 'old', status: 'sending' });
    expect(await outbox.getPause('old')).toBeUndefined();
  });

  it('removeByDestination deletes undelivered records and the pause, keeping delivered history', async () => {
    const { outbox } = testOutbox();
    const a = must(await outbox.enqueue(makeCapture({ destinationId: 'gone' }))).record;
    const b = must(await outbox.enqueue(makeCapture({ destinationId: 'gone' }))).record;
    const keep = must(await outbox.enqueue(makeCapture({ destinationId: 'stay' }))).record;
    const [ca, cb] = await claimAll(outbox, T0, 'gone');
    must(await outbox.markSynced(a.id, ca!.leaseToken!, { result: {} }));
    must(await outbox.pauseDestination(b.id, cb!.leaseToken!, { error: authError }));
    expect(must(await outbox.removeByDestination('gone'))).toBe(1);
    expect(await outbox.get(b.id)).toBeUndefined();
    expect((await outbox.get(a.id))?.status).toBe('synced');
    expect((await outbox.get(keep.id))?.status).toBe('queued');
    expect(await outbox.getPause('gone')).toBeUndefined();
  });
});

describe('prune', () => {
  it('deletes only delivered records: past the age limit, then the oldest beyond the count limit', async () => {
    const { outbox } = testOutbox();
    const DAY = 86_400_000;
    const synced: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { record } = must(await outbox.enqueue(makeCapture()));
      const [claimed] = await claimAll(outbox, T0);
      must(await outbox.markSynced(record.id, claimed!.leaseToken!, { result: {}, now: T0 - (100 - i) * DAY }));
      synced.push(record.id);
    }
    // Two ancient records that are not delivered: never pruned.
    const failedOld = must(await outbox.enqueue(makeCapture(), { now: T0 - 400 * DAY })).record;
    const [fc] = await claimAll(outbox, T0);
    must(await outbox.markFailed(failedOld.id, fc!.leaseToken!, { error: serverError, now: T0 - 400 * DAY }));
    const queuedOld = must(await outbox.enqueue(makeCapture(), { now: T0 - 400 * DAY })).record;

    // Synced at 100..95 days ago: a 97.5-day limit removes the three oldest.
    expect(must(await outbox.prune({ now: T0, maxAgeMs: 97.5 * DAY, maxRecords: 10 }))).toBe(3);
    expect(must(await outbox.prune({ now: T0, maxAgeMs: 365 * DAY, maxRecords: 1 }))).toBe(2);
    const left = await outbox.list();
    expect(left.map((r) => r.id).sort()).toEqual([synced[5], failedOld.id, queuedOld.id].sort());
  });
});

describe('ended incognito sessions', () => {
  it('purge failed and paused incognito captures (and their pause), never queued ones or normal captures', async () => {
    const { outbox } = testOutbox();
    const settle = async (capture: ReturnType<typeof makeCapture>, how: 'failed' | 'paused' | 'queued') => {
      const { record } = must(await outbox.enqueue(capture));
      if (how === 'queued') return record.id;
      const [claimed] = await claimAll(outbox, T0);
      if (how === 'failed') must(await outbox.markFailed(record.id, claimed!.leaseToken!, { error: serverError, now: T0 }));
      else must(await outbox.pauseDestination(record.id, claimed!.leaseToken!, { error: serverError, now: T0 }));
      return record.id;
    };
    const privateFailed = await settle({ ...makeCapture({ destinationId: 'p' }), incognito: true }, 'failed');
    const privatePaused = await settle({ ...makeCapture({ destinationId: 'p' }), incognito: true }, 'paused');
    const privateQueued = await settle({ ...makeCapture({ destinationId: 'q' }), incognito: true }, 'queued');
    const normalFailed = await settle(makeCapture({ destinationId: 'n' }), 'failed');
    const normalPaused = await settle(makeCapture({ destinationId: 'n' }), 'paused');
    const retention = { now: T0, maxAgeMs: 365 * 86_400_000, maxRecords: 100 };

    // While an incognito window is open, nothing undelivered goes.
    expect(must(await outbox.prune(retention))).toBe(0);
    expect(must(await outbox.prune({ ...retention, endedIncognito: true }))).toBe(2);
    expect((await outbox.list()).map((r) => r.id).sort()).toEqual([privateQueued, normalFailed, normalPaused].sort());
    expect(await outbox.get(privateFailed)).toBeUndefined();
    expect(await outbox.get(privatePaused)).toBeUndefined();
    expect(await outbox.getPause('p')).toBeUndefined();
    expect(await outbox.getPause('n')).toBeDefined();
  });
});

describe('storage quota', () => {
  it('maps QuotaExceededError to storage-quota and keeps what was stored', async () => {
    const { outbox } = testOutbox();
    const kept = must(await outbox.enqueue(makeCapture())).record;
    // The enqueue's one write of the new record is a put (see insert in lib/outbox/user-ops.ts).
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const result = await outbox.enqueue(makeCapture());
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'keeplink-error', code: 'storage-quota' }) });
    expect(await outbox.list()).toEqual([kept]);
  });

  it('a batch that hits the quota halfway stores none of its captures', async () => {
    const { outbox } = testOutbox();
    const kept = must(await outbox.enqueue(makeCapture())).record;
    const realPut = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      calls += 1;
      if (calls === 3) throw new DOMException('quota', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const result = await outbox.enqueueMany([makeCapture(), makeCapture(), makeCapture(), makeCapture()]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('storage-quota');
    expect(await outbox.list()).toEqual([kept]);
  });

  it('a failing put during a settle leaves the record as it was', async () => {
    const { outbox } = testOutbox();
    must(await outbox.enqueue(makeCapture()));
    const [claimed] = await claimAll(outbox, T0);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const result = await outbox.markSynced(claimed!.id, claimed!.leaseToken!, { result: {} });
    expect(result.ok).toBe(false);
    vi.restoreAllMocks();
    expect(await outbox.get(claimed!.id)).toEqual(claimed);
  });
});
