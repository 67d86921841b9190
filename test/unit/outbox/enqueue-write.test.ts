// The enqueue's write goes out in the same round trip as the reads that decide about it (the click-to-durable time),
// and what the reads find is put right inside the same transaction.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { makeCapture, must, T0, testOutbox } from './fixtures';

afterEach(() => vi.restoreAllMocks());

describe('enqueue: one round trip', () => {
  it('issues the record’s put before any of its reads has answered', async () => {
    const { outbox } = testOutbox();
    must(await outbox.enqueue(makeCapture()));
    const events: string[] = [];
    const get = IDBObjectStore.prototype.get;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
      const request = get.apply(this, args);
      events.push('get');
      request.addEventListener('success', () => events.push('get answered'));
      return request;
    });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      events.push('put');
      return put.apply(this, args);
    });
    const saved = must(await outbox.enqueue(makeCapture()));
    expect(saved.duplicateOf).toBe(false);
    expect(events).toEqual(['get', 'put', 'get answered']);
    expect(await outbox.get(saved.record.id)).toEqual(saved.record);
  });

  it('leaves no trace of a refused duplicate: the stored record of the same id is as it was, a pending twin stays the only one', async () => {
    const { outbox, notify } = testOutbox();
    const capture = makeCapture({ url: 'https://example.com/same' });
    const first = must(await outbox.enqueue(capture)).record;
    const [claimed] = must(await outbox.claimDue({ now: T0, limit: 1, leaseMs: 60_000 }));
    notify.mockClear();
    const again = must(await outbox.enqueue({ ...capture, page: { ...capture.page, title: 'Changed' } }));
    expect(again).toEqual({ record: claimed, duplicateOf: true });
    expect(await outbox.get(first.id)).toEqual(claimed);
    const twin = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/same' })));
    expect(twin).toEqual({ record: claimed, duplicateOf: true });
    expect(await outbox.get(twin.record.id)).toEqual(claimed);
    expect(await outbox.list()).toEqual([claimed]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('stores a capture for a paused destination as paused, and only that', async () => {
    const { outbox } = testOutbox();
    const first = must(await outbox.enqueue(makeCapture()));
    const [claimed] = must(await outbox.claimDue({ now: T0, limit: 1, leaseMs: 60_000 }));
    must(await outbox.pauseDestination(first.record.id, claimed!.leaseToken!, { error: keeplinkError('auth-invalid') }));
    const next = must(await outbox.enqueue(makeCapture()));
    expect(next.record.status).toBe('paused');
    expect(await outbox.get(next.record.id)).toEqual(next.record);
  });
});
