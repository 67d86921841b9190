import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_CONFIG, resolveSyncConfig } from '../../../lib/sync/config';

describe('SyncConfig', () => {
  it('pins the production values', () => {
    expect(resolveSyncConfig()).toEqual({
      requestTimeoutMs: 25_000,
      leaseMs: 60_000,
      backoffBaseMs: 30_000,
      backoffMaxMs: 6 * 3_600_000,
      minRetryDelayMs: 1_000,
      retryAfterCapMs: 24 * 3_600_000,
      minAlarmDelayMs: 30_000,
      expireAfterRetryMs: 7 * 86_400_000,
      minAttemptsBeforeExpiry: 10,
      perDestinationConcurrency: 2,
      perDestinationRatePerSec: 50,
      minRatePerSec: 1,
      rateSlowdownMs: 600_000,
      maxRecordsPerFlush: 2000,
      flushBudgetMs: 25_000,
    });
  });

  it('keeps production timing inside Chrome’s limits, and the lease longer than any send', () => {
    expect(DEFAULT_SYNC_CONFIG.requestTimeoutMs).toBeLessThan(30_000);
    expect(DEFAULT_SYNC_CONFIG.minAlarmDelayMs).toBeGreaterThanOrEqual(30_000);
    expect(DEFAULT_SYNC_CONFIG.leaseMs).toBeGreaterThan(DEFAULT_SYNC_CONFIG.requestTimeoutMs);
  });

  it('applies overrides for test builds without touching the defaults', () => {
    const fast = resolveSyncConfig({ backoffBaseMs: 10, requestTimeoutMs: 1000 });
    expect(fast).toMatchObject({ backoffBaseMs: 10, requestTimeoutMs: 1000, leaseMs: 60_000 });
    expect(DEFAULT_SYNC_CONFIG.backoffBaseMs).toBe(30_000);
  });

  it('rejects values that are not positive, and a lease no longer than the request timeout', () => {
    expect(() => resolveSyncConfig({ backoffBaseMs: -1 })).toThrow();
    expect(() => resolveSyncConfig({ leaseMs: 25_000 })).toThrow(RangeError);
    expect(resolveSyncConfig({ requestTimeoutMs: 5_000, leaseMs: 8_000 }).leaseMs).toBe(8_000);
  });
});
