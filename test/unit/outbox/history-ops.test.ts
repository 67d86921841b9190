// The outbox operations behind the History view: "try now" on a queued record, and undoing a delete.
import { describe, expect, it } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import type { Outbox } from '../../../lib/outbox/outbox';
import { fakeClock, makeCapture, must, T0, testOutbox } from './fixtures';

const LEASE = 60_000;
const serverError = keeplinkError('server-error', { retryable: true, status: 503 });
const authError = keeplinkError('auth-invalid', { status: 401 });

async function claimOne(outbox: Outbox, now: number) {
  const [claimed] = must(await outbox.claimDue({ now, limit: 1, leaseMs: LEASE }));
  return claimed!;
}

describe('sendNow', () => {
  it('makes a queued record waiting out its backoff due now, keeping its retry accounting', async () => {
    const clock = fakeClock();
    const { outbox, notify } = testOutbox(clock);
    const { record } = must(await outbox.enqueue(makeCapture()));
    const claimed = await claimOne(outbox, T0);
    must(await outbox.markRetry(record.id, claimed.leaseToken!, { error: serverError, nextAttemptAt: T0 + 3_600_000, retrySpentMs: 1000 }));
    expect(must(await outbox.claimDue({ now: T0 + 5, limit: 5, leaseMs: LEASE }))).toEqual([]);
    notify.mockClear();

    expect(must(await outbox.sendNow(record.id, T0 + 10))).toBe(true);
    expect(await outbox.get(record.id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 10, attempts: 1, retrySpentMs: 1000, lastError: serverError });
    expect(notify).toHaveBeenCalledWith([record.id]);
    expect((await claimOne(outbox, T0 + 10)).id).toBe(record.id);
  });

  it('changes nothing for a record that is not queued, or missing', async () => {
    const { outbox, notify } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    const claimed = await claimOne(outbox, T0);
    notify.mockClear();
    expect(must(await outbox.sendNow(record.id, T0 + 1))).toBe(false);
    expect(await outbox.get(record.id)).toEqual(claimed);
    expect(must(await outbox.sendNow('00000000-0000-4000-8000-ffffffffffff'))).toBe(false);
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('discard', () => {
  it('deletes a record and returns it as it was, in one write', async () => {
    const { outbox, notify } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    notify.mockClear();
    expect(must(await outbox.discard(record.id))).toEqual(record);
    expect(await outbox.get(record.id)).toBeUndefined();
    expect(notify).toHaveBeenCalledWith([record.id]);
    notify.mockClear();
    expect(must(await outbox.discard(record.id))).toBeUndefined();
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('restore', () => {
  it('puts a deleted record back exactly as it was', async () => {
    const { outbox, notify } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    const claimed = await claimOne(outbox, T0);
    must(await outbox.markFailed(record.id, claimed.leaseToken!, { error: keeplinkError('unprocessable', { status: 422 }) }));
    const failed = (await outbox.get(record.id))!;
    must(await outbox.discard(record.id));
    notify.mockClear();

    expect(must(await outbox.restore(failed))).toBe(true);
    expect(await outbox.get(record.id)).toEqual(failed);
    expect(notify).toHaveBeenCalledWith([record.id]);
    expect(await outbox.countUndelivered()).toBe(1);
  });

  it('never overwrites a stored record with the same id', async () => {
    const { outbox, notify } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    notify.mockClear();
    const stale = { ...record, status: 'synced' as const, syncedAt: T0 };
    expect(must(await outbox.restore(stale))).toBe(false);
    expect(await outbox.get(record.id)).toEqual(record);
    expect(notify).not.toHaveBeenCalled();
  });

  it('does not queue a page twice when the same page was queued again meanwhile', async () => {
    const { outbox } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/twice' })));
    must(await outbox.discard(record.id));
    const again = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/twice' })));
    expect(again.duplicateOf).toBe(false);
    expect(must(await outbox.restore(record))).toBe(false);
    expect(await outbox.get(record.id)).toBeUndefined();
    expect(await outbox.countUndelivered()).toBe(1);
  });

  it('follows the destination’s pause as it is now', async () => {
    const clock = fakeClock();
    const { outbox } = testOutbox(clock);
    const queued = must(await outbox.enqueue(makeCapture({ destinationId: 'dest-a' }))).record;
    must(await outbox.discard(queued.id));
    // dest-a pauses while the record is deleted.
    const other = must(await outbox.enqueue(makeCapture({ destinationId: 'dest-a' }))).record;
    const claimed = await claimOne(outbox, T0);
    must(await outbox.pauseDestination(other.id, claimed.leaseToken!, { error: authError }));

    expect(must(await outbox.restore(queued, T0 + 5))).toBe(true);
    expect(await outbox.get(queued.id)).toMatchObject({ status: 'paused', nextAttemptAt: T0 + 5 });

    // And back: a paused record restored after its destination resumed is queued, due now.
    const paused = (await outbox.get(queued.id))!;
    must(await outbox.discard(queued.id));
    must(await outbox.resumeDestination('dest-a', T0 + 6));
    expect(must(await outbox.restore(paused, T0 + 7))).toBe(true);
    expect(await outbox.get(queued.id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 7 });
  });

  it('keeps a sending record’s lease, so its sender can still settle it', async () => {
    const { outbox } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    const claimed = await claimOne(outbox, T0);
    must(await outbox.discard(record.id));
    must(await outbox.restore(claimed));
    expect(must(await outbox.markSynced(record.id, claimed.leaseToken!, { result: { id: 'k-1' } }))).toBe(true);
    expect(await outbox.get(record.id)).toMatchObject({ status: 'synced', result: { id: 'k-1' } });
  });

  it('stores back only the record’s own fields', async () => {
    const { outbox } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    must(await outbox.discard(record.id));
    expect(must(await outbox.restore({ ...record, apiKey: 'sk-live-1' } as typeof record))).toBe(true);
    expect(await outbox.get(record.id)).toEqual(record);
  });

  it('rejects something that is not an outbox record', async () => {
    const { outbox } = testOutbox();
    const { record } = must(await outbox.enqueue(makeCapture()));
    must(await outbox.discard(record.id));
    const result = await outbox.restore({ ...record, id: 'not-a-uuid' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('field-invalid');
    expect(await outbox.countUndelivered()).toBe(0);
  });
});
