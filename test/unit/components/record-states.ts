// Puts an enqueued record into a delivery state through the outbox's own lease and settle calls, as the sync would.
import { keeplinkError, type KeeplinkError } from '../../../lib/errors';
import type { Outbox } from '../../../lib/outbox/outbox';
import type { OutboxRecord } from '../../../lib/outbox/record';
import type { DeliveryResult } from '../../../lib/providers/types';
import { must } from '../outbox/fixtures';

/** `sending`: claimed and in flight; `retry`: sent, failed for now, queued again with the error. */
export type SettledState = 'sending' | 'retry' | 'failed' | 'paused' | 'synced';

export const rejected = keeplinkError('unprocessable', { status: 422, serverMessage: 'title is not allowed' });
export const badKey = keeplinkError('auth-invalid', { status: 401 });

export async function settleAs(
  outbox: Outbox,
  record: OutboxRecord,
  state: SettledState,
  options: { now: number; result?: DeliveryResult; error?: KeeplinkError },
): Promise<void> {
  // Put it in flight under a known lease (claimDue would take the oldest due record), then settle it for real.
  const lease = `lease-${record.id}`;
  must(await outbox.discard(record.id));
  must(await outbox.restore({ ...record, status: 'sending', leaseToken: lease, nextAttemptAt: options.now + 60_000 }));
  if (state === 'retry') must(await outbox.markRetry(record.id, lease, { error: options.error ?? rejected, nextAttemptAt: options.now + 60_000, retrySpentMs: 0 }));
  if (state === 'synced') must(await outbox.markSynced(record.id, lease, { result: options.result ?? {} }));
  if (state === 'failed') must(await outbox.markFailed(record.id, lease, { error: options.error ?? rejected }));
  if (state === 'paused') must(await outbox.pauseDestination(record.id, lease, { error: options.error ?? badKey }));
}
