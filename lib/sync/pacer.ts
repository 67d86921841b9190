// Owns per-destination pacing: a token bucket per destination, halved for a while after a 429.
import type { SyncConfig } from './config';

export interface Pacer {
  /** Takes the next send slot for a destination; returns how many ms to wait before sending. */
  reserve(destinationId: string, now: number): number;
  /** Gives back a slot reserved for a send that did not happen. */
  refund(destinationId: string): void;
  /** A 429 from this destination: halve its rate until rateSlowdownMs after now. */
  slowDown(destinationId: string, now: number): void;
  /** Sends per second this destination may make now. */
  rate(destinationId: string, now: number): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  slowRate: number;
  slowUntil: number;
}

/**
 * Buckets hold one token (no bursts), so sends are evenly spaced at the rate. A reservation may
 * drive the bucket negative: the next caller then waits for the tokens already promised.
 * Kept in memory: a restarted worker starts at full rate, and a new 429 slows it again.
 */
export function createPacer(config: Pick<SyncConfig, 'perDestinationRatePerSec' | 'minRatePerSec' | 'rateSlowdownMs'>): Pacer {
  const buckets = new Map<string, Bucket>();
  const rateOf = (bucket: Bucket, now: number): number =>
    now < bucket.slowUntil ? bucket.slowRate : config.perDestinationRatePerSec;

  const bucketFor = (destinationId: string, now: number): Bucket => {
    let bucket = buckets.get(destinationId);
    if (!bucket) {
      bucket = { tokens: 1, updatedAt: now, slowRate: config.perDestinationRatePerSec, slowUntil: 0 };
      buckets.set(destinationId, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(1, bucket.tokens + (elapsed * rateOf(bucket, now)) / 1000);
    bucket.updatedAt = now;
    return bucket;
  };

  return {
    reserve(destinationId, now) {
      const bucket = bucketFor(destinationId, now);
      bucket.tokens -= 1;
      return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens * 1000) / rateOf(bucket, now));
    },
    refund(destinationId) {
      const bucket = buckets.get(destinationId);
      if (bucket) bucket.tokens = Math.min(1, bucket.tokens + 1);
    },
    slowDown(destinationId, now) {
      const bucket = bucketFor(destinationId, now);
      bucket.slowRate = Math.max(config.minRatePerSec, rateOf(bucket, now) / 2);
      bucket.slowUntil = now + config.rateSlowdownMs;
    },
    rate(destinationId, now) {
      const bucket = buckets.get(destinationId);
      return bucket ? rateOf(bucket, now) : config.perDestinationRatePerSec;
    },
  };
}
