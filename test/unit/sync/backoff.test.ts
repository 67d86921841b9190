import { describe, expect, it } from 'vitest';
import { computeBackoff, retryDelay } from '../../../lib/sync/backoff';
import { DEFAULT_SYNC_CONFIG as config } from '../../../lib/sync/config';

const HOUR = 3_600_000;

describe('computeBackoff', () => {
  it('draws uniformly under a ceiling that doubles per attempt', () => {
    expect(computeBackoff(1, config, () => 0.5)).toBe(15_000);
    expect(computeBackoff(2, config, () => 0.5)).toBe(30_000);
    expect(computeBackoff(3, config, () => 0.5)).toBe(60_000);
    expect(computeBackoff(1, config, () => 0.999_999)).toBeLessThan(30_000);
  });

  it('stays within [minRetryDelayMs, backoffMaxMs] for every attempt and draw', () => {
    for (const attempt of [1, 2, 5, 10, 20, 100, 5000]) {
      for (const draw of [0, 0.000_01, 0.25, 0.5, 0.999_999]) {
        const delay = computeBackoff(attempt, config, () => draw);
        expect(delay).toBeGreaterThanOrEqual(config.minRetryDelayMs);
        expect(delay).toBeLessThanOrEqual(config.backoffMaxMs);
        expect(Number.isFinite(delay)).toBe(true);
      }
    }
    expect(computeBackoff(1, config, () => 0)).toBe(config.minRetryDelayMs);
    expect(computeBackoff(50, config, () => 0.999_999)).toBeGreaterThan(6 * HOUR - 100);
  });

  it('spreads clients out: different draws give different waits', () => {
    const waits = new Set([0.1, 0.3, 0.6, 0.9].map((draw) => computeBackoff(6, config, () => draw)));
    expect(waits.size).toBe(4);
  });
});

describe('retryDelay', () => {
  it('uses backoff when the server gave no Retry-After', () => {
    expect(retryDelay(undefined, 2, config, () => 0.5)).toBe(30_000);
  });

  it('honours Retry-After, floored at the minimum and capped at 24 hours', () => {
    expect(retryDelay(120_000, 1, config, () => 0)).toBe(120_000);
    expect(retryDelay(0, 1, config, () => 0)).toBe(config.minRetryDelayMs);
    expect(retryDelay(30 * 24 * HOUR, 1, config, () => 0)).toBe(24 * HOUR);
  });
});
