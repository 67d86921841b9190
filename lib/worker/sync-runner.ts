// Owns "flush soon" in one context: coalesces requests, re-arms the alarm and refreshes the badge after each flush.
import type { SyncConfig } from '../sync/config';
import { nextAlarmTime } from '../sync/alarm';
import type { FlushReport } from '../sync/flush';

export interface SyncRunnerDeps {
  flush(): Promise<FlushReport>;
  armAlarm(when: number | undefined): Promise<void>;
  refreshBadge(): Promise<void>;
  /** History pruning and the incognito purge: after every round, whether or not the flush worked. */
  housekeep(): Promise<void>;
  now(): number;
  config: Pick<SyncConfig, 'minAlarmDelayMs' | 'leaseMs'>;
  onError?(error: unknown): void;
}

export interface SyncRunner {
  /** Starts a flush, or asks the running one to go round once more; resolves when the outbox is idle. */
  request(): Promise<void>;
}

/** At most this many back-to-back flushes per request burst, so a chatty sender cannot spin the worker. */
const MAX_ROUNDS = 5;

export function createSyncRunner(deps: SyncRunnerDeps): SyncRunner {
  let running: Promise<void> | undefined;
  let again = false;
  const armSafetyAlarm = () => deps.armAlarm(deps.now() + Math.max(deps.config.leaseMs, deps.config.minAlarmDelayMs)).catch((error: unknown) => deps.onError?.(error));

  async function rounds(): Promise<void> {
    let round = 0;
    do {
      again = false;
      round++;
      try {
        // A worker killed mid-flush must still wake up: until this flush re-arms it, the alarm points just
        // past the leases it is about to take, when those records become claimable again.
        await armSafetyAlarm();
        const report = await deps.flush();
        await deps.armAlarm(nextAlarmTime(report.nextDueAt, deps.now(), deps.config));
      } catch (error) {
        deps.onError?.(error);
      }
      await deps.housekeep().catch((error: unknown) => deps.onError?.(error));
    } while (again && round < MAX_ROUNDS);
    if (again) await deps.armAlarm(deps.now() + deps.config.minAlarmDelayMs);
    await deps.refreshBadge().catch((error: unknown) => deps.onError?.(error));
  }

  return {
    request() {
      if (running) {
        again = true;
        // A round can outlive the safety alarm armed at its start (and a fired alarm lands here): keep one pending.
        void armSafetyAlarm();
        return running;
      }
      running = rounds().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
