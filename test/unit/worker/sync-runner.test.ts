import { describe, expect, it, vi } from 'vitest';
import type { FlushReport } from '../../../lib/sync/flush';
import { createSyncRunner } from '../../../lib/worker/sync-runner';

const report = (nextDueAt?: number): FlushReport => ({ sent: 0, synced: 0, retried: 0, failed: 0, paused: 0, stale: 0, nextDueAt });

describe('sync runner', () => {
  it('coalesces requests during a flush into one more round, then arms the alarm no sooner than the minimum', async () => {
    let release!: () => void;
    const flush = vi
      .fn<() => Promise<FlushReport>>()
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(report(1_000)))))
      .mockResolvedValue(report(500_000));
    const armAlarm = vi.fn(async (_when: number | undefined) => undefined);
    const refreshBadge = vi.fn(async () => undefined);
    const runner = createSyncRunner({ flush, armAlarm, refreshBadge, now: () => 0, config: { minAlarmDelayMs: 30_000, leaseMs: 60_000 } });
    const first = runner.request();
    void runner.request();
    void runner.request();
    await vi.waitFor(() => expect(flush).toHaveBeenCalledTimes(1));
    release();
    await first;
    expect(flush).toHaveBeenCalledTimes(2);
    // Safety alarm at each round start and on each request during a round; the real one after each flush.
    expect(armAlarm.mock.calls.map(([when]) => when)).toEqual([60_000, 60_000, 60_000, 30_000, 60_000, 500_000]);
    expect(refreshBadge).toHaveBeenCalledTimes(1);
  });

  it('arms a safety alarm before flushing, so a worker killed mid-flush still wakes', async () => {
    const armAlarm = vi.fn(async () => undefined);
    const flush = vi.fn<() => Promise<FlushReport>>(() => new Promise(() => undefined));
    const runner = createSyncRunner({ flush, armAlarm, refreshBadge: async () => undefined, now: () => 1_000, config: { minAlarmDelayMs: 30_000, leaseMs: 60_000 } });
    void runner.request();
    await vi.waitFor(() => expect(flush).toHaveBeenCalled());
    expect(armAlarm).toHaveBeenCalledWith(61_000);
  });

  it('clears the alarm when nothing is due and survives a failing flush', async () => {
    const armAlarm = vi.fn(async () => undefined);
    const onError = vi.fn();
    const flush = vi.fn<() => Promise<FlushReport>>().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(report(undefined));
    const runner = createSyncRunner({ flush, armAlarm, refreshBadge: async () => undefined, now: () => 0, config: { minAlarmDelayMs: 30_000, leaseMs: 60_000 }, onError });
    await runner.request();
    expect(onError).toHaveBeenCalledOnce();
    await runner.request();
    expect(armAlarm).toHaveBeenLastCalledWith(undefined);
  });
});
