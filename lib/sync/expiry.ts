// Owns when a record that keeps failing gives up: retry time actually spent, and a minimum of attempts.
import { keeplinkError, type KeeplinkError } from '../errors';
import type { OutboxRecord } from '../outbox/record';
import type { SyncConfig } from './config';

/**
 * The record's retry time after a retryable failure at `now`. The clock starts at the first failure;
 * each later gap counts only up to the wait that was scheduled plus one lease, so time spent paused,
 * asleep or with the browser closed (no attempt possible) does not bring expiry closer.
 */
export function countRetryTime(record: OutboxRecord, now: number, config: Pick<SyncConfig, 'leaseMs'>): number {
  if (record.lastFailureAt === undefined) return record.retrySpentMs;
  const gap = Math.max(0, now - record.lastFailureAt);
  return record.retrySpentMs + Math.min(gap, (record.lastRetryDelayMs ?? 0) + config.leaseMs);
}

export function isRetryExpired(
  retrySpentMs: number,
  attempts: number,
  config: Pick<SyncConfig, 'expireAfterRetryMs' | 'minAttemptsBeforeExpiry'>,
): boolean {
  return retrySpentMs >= config.expireAfterRetryMs && attempts >= config.minAttemptsBeforeExpiry;
}

/** The error an expired record fails with; it names the last failure so the user sees why. */
export function expiredError(last: KeeplinkError, attempts: number, retrySpentMs: number): KeeplinkError {
  return keeplinkError('expired', {
    ...(last.status === undefined ? {} : { status: last.status }),
    ...(last.serverCode === undefined ? {} : { serverCode: last.serverCode }),
    details: { lastCode: last.code, attempts, retrySpentMs },
  });
}
