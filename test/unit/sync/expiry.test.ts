import { describe, expect, it } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import type { OutboxRecord } from '../../../lib/outbox/record';
import { DEFAULT_SYNC_CONFIG as config } from '../../../lib/sync/config';
import { countRetryTime, expiredError, isRetryExpired } from '../../../lib/sync/expiry';
import { makeCapture, T0 } from '../outbox/fixtures';

const DAY = 86_400_000;

function record(extra: Partial<OutboxRecord>): OutboxRecord {
  const capture = makeCapture();
  return {
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    normalizedUrl: capture.page.url,
    status: 'sending',
    createdAt: T0,
    updatedAt: T0,
    attempts: 0,
    nextAttemptAt: T0,
    retrySpentMs: 0,
    ...extra,
  };
}

describe('countRetryTime', () => {
  it('starts the clock at the first failure', () => {
    expect(countRetryTime(record({}), T0 + 5 * DAY, config)).toBe(0);
  });

  it('counts the scheduled wait and the attempt that followed', () => {
    const r = record({ retrySpentMs: 1000, lastFailureAt: T0, lastRetryDelayMs: 30_000 });
    expect(countRetryTime(r, T0 + 31_000, config)).toBe(32_000);
  });

  it('does not count a gap with no attempt: paused, asleep or with the browser closed', () => {
    const r = record({ retrySpentMs: 1000, lastFailureAt: T0, lastRetryDelayMs: 30_000 });
    expect(countRetryTime(r, T0 + 30 * DAY, config)).toBe(1000 + 30_000 + config.leaseMs);
  });
});

describe('isRetryExpired', () => {
  it('needs both 7 days of retry time and 10 attempts', () => {
    expect(isRetryExpired(7 * DAY, 10, config)).toBe(true);
    expect(isRetryExpired(7 * DAY - 1, 50, config)).toBe(false);
    expect(isRetryExpired(30 * DAY, 9, config)).toBe(false);
  });
});

describe('expiredError', () => {
  it('names the last failure', () => {
    const error = expiredError(keeplinkError('server-error', { status: 503, retryable: true }), 12, 8 * DAY);
    expect(error).toEqual({
      kind: 'keeplink-error',
      code: 'expired',
      retryable: false,
      status: 503,
      details: { lastCode: 'server-error', attempts: 12, retrySpentMs: 8 * DAY },
    });
  });
});
