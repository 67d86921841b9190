// Owns how long a record waits after a retryable failure: full-jitter exponential backoff, or the server's Retry-After.
import type { SyncConfig } from './config';

type BackoffConfig = Pick<SyncConfig, 'backoffBaseMs' | 'backoffMaxMs' | 'minRetryDelayMs'>;

/**
 * Full jitter: uniform in [0, min(max, base·2^(attempt−1))], so many clients failing together spread
 * out. Floored at minRetryDelayMs. `attempt` counts from 1; `random` returns [0, 1).
 */
export function computeBackoff(attempt: number, config: BackoffConfig, random: () => number): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(config.minRetryDelayMs, Math.floor(random() * ceiling));
}

/** The server's Retry-After when it gave one (capped, so a bad header cannot park a record for months), else backoff. */
export function retryDelay(
  retryAfterMs: number | undefined,
  attempt: number,
  config: BackoffConfig & Pick<SyncConfig, 'retryAfterCapMs'>,
  random: () => number,
): number {
  if (retryAfterMs === undefined) return computeBackoff(attempt, config, random);
  return Math.min(config.retryAfterCapMs, Math.max(config.minRetryDelayMs, retryAfterMs));
}
