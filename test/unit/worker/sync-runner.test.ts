import { describe, expect, it, vi } from 'vitest';
import type { FlushReport } from '../../../lib/sync/flush';
import { createSyncRunner, type SyncRunnerDeps } from '../../../lib/worker/sync-runner';

const report = (nextDueAt?: number): FlushReport => ({ sent: 0, synced: 0, retried: 0, failed: 0, paused: 0, stale: 0, nextDueAt });

/** A promise the test settles by hand, so nothing here waits on time. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function runnerDeps(overrides: Partial<SyncRunnerDeps> = {}) {
  const deps = {
    flush: vi.fn<() => Promise<FlushReport>>(async () => report(undefined)),
    armAlarm: vi.fn(async (_when: number | undefined) => undefined),
    refreshBadge: vi.fn(async () => undefined),
    housekeep: vi.fn(async () => undefined),
    onError: vi.fn(),
    now: () => 0,
    config: { minAlarmDelayMs: 30_000, leaseMs: 60_000 },
    ...overrides,
  };
  return deps;
}

describe('sync runner', () => {
  it('coalesces requests during a flush into one more round, then arms the alarm no sooner than the minimum', async () => {
    const first = deferred<FlushReport>();
    const started = deferred<void>();
    const flush = vi
      .fn<() => Promise<FlushReport>>()
      .mockImplementationOnce(() => {
        started.resolve();
        return first.promise;
      })
      .mockResolvedValue(report(500_000));
    const armAlarm = vi.fn(async (_when: number | undefined) => undefined);
    const deps = runnerDeps({ flush, armAlarm });
    const runner = createSyncRunner(deps);
    const done = runner.request();
    await started.promise;
    void runner.request();
    void runner.request();
    first.resolve(report(1_000));
    await done;
    expect(flush).toHaveBeenCalledTimes(2);
    // Safety alarm at each round start and on each request during a round; the real one after each flush.
    expect(armAlarm.mock.calls.map(([when]) => when)).toEqual([60_000, 60_000, 60_000, 30_000, 60_000, 500_000]);
    expect(deps.refreshBadge).toHaveBeenCalledTimes(1);
    expect(deps.housekeep).toHaveBeenCalledTimes(2);
  });

  it('arms a safety alarm before flushing, so a worker killed mid-flush still wakes', async () => {
    const started = deferred<void>();
    const deps = runnerDeps({
      now: () => 1_000,
      flush: vi.fn(() => {
        started.resolve();
        return new Promise<FlushReport>(() => undefined);
      }),
    });
    void createSyncRunner(deps).request();
    await started.promise;
    expect(deps.armAlarm).toHaveBeenCalledWith(61_000);
  });

  it('clears the alarm when nothing is due and survives a failing flush', async () => {
    const deps = runnerDeps({ flush: vi.fn<() => Promise<FlushReport>>().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(report(undefined)) });
    const runner = createSyncRunner(deps);
    await runner.request();
    expect(deps.onError).toHaveBeenCalledOnce();
    await runner.request();
    expect(deps.armAlarm).toHaveBeenLastCalledWith(undefined);
  });

  it('prunes and purges after a flush that threw, and a failing housekeeping step does not stop the badge', async () => {
    const order: string[] = [];
    const deps = runnerDeps({
      flush: vi.fn(async () => {
        order.push('flush');
        throw new Error('permissions.contains threw');
      }),
      housekeep: vi.fn(async () => {
        order.push('housekeep');
        throw new Error('quota');
      }),
      refreshBadge: vi.fn(async () => {
        order.push('badge');
      }),
    });
    await createSyncRunner(deps).request();
    expect(order).toEqual(['flush', 'housekeep', 'badge']);
    expect(deps.onError).toHaveBeenCalledTimes(2);
  });
});
