// Owns the sync timing and pacing settings: production values as defaults, test builds override them here only.
import { z } from '../zod';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const positive = () => z.number().check(z.positive());

export const syncConfigSchema = z.object({
  /** Under Chrome's 30 s limit on a worker's fetch. */
  requestTimeoutMs: positive(),
  /** Longer than a request can take (sends are paced before the claim), so a live sender never loses its lease. */
  leaseMs: positive(),
  backoffBaseMs: positive(),
  backoffMaxMs: positive(),
  /** Floor under the jittered wait, so one flush never re-sends a record at once. */
  minRetryDelayMs: positive(),
  retryAfterCapMs: positive(),
  /** Chrome's minimum for a packed extension's alarm. */
  minAlarmDelayMs: positive(),
  expireAfterRetryMs: positive(),
  minAttemptsBeforeExpiry: positive(),
  perDestinationConcurrency: positive(),
  perDestinationRatePerSec: positive(),
  /** The slowest a run of 429s can make a destination. */
  minRatePerSec: positive(),
  /** How long a 429 keeps that destination at half its rate. */
  rateSlowdownMs: positive(),
  maxRecordsPerFlush: positive(),
  flushBudgetMs: positive(),
});

export type SyncConfig = z.infer<typeof syncConfigSchema>;

export const DEFAULT_SYNC_CONFIG: Readonly<SyncConfig> = Object.freeze({
  requestTimeoutMs: 25_000,
  leaseMs: 60_000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 6 * HOUR_MS,
  minRetryDelayMs: 1_000,
  retryAfterCapMs: 24 * HOUR_MS,
  minAlarmDelayMs: 30_000,
  expireAfterRetryMs: 7 * DAY_MS,
  minAttemptsBeforeExpiry: 10,
  perDestinationConcurrency: 2,
  perDestinationRatePerSec: 50,
  minRatePerSec: 1,
  rateSlowdownMs: 10 * MINUTE_MS,
  maxRecordsPerFlush: 2000,
  flushBudgetMs: 25_000,
});

/** Production defaults with `overrides` applied; throws on a configuration that could lose a lease mid-request. */
export function resolveSyncConfig(overrides: Partial<SyncConfig> = {}): SyncConfig {
  const config = syncConfigSchema.parse({ ...DEFAULT_SYNC_CONFIG, ...overrides });
  if (config.leaseMs <= config.requestTimeoutMs) {
    throw new RangeError('SyncConfig: leaseMs must be longer than requestTimeoutMs');
  }
  return config;
}
