// An in-memory stand-in for the outbox in flush tests that must know when the flush has nothing left to do:
// every call settles in microtasks, so one macrotask later all lanes are provably waiting on their requests.
import { ok } from '../../../lib/errors';
import type { OutboxRecord } from '../../../lib/outbox/record';
import type { FlushOutbox } from '../../../lib/sync/flush';
import { makeCapture, T0 } from '../outbox/fixtures';

export function memoryOutbox() {
  const records = new Map<string, OutboxRecord>();
  let leases = 0;
  const settle = (id: string, lease: string, status: OutboxRecord['status']) => {
    const record = records.get(id);
    if (!record || record.leaseToken !== lease) return false;
    records.set(id, { ...record, status, leaseToken: undefined, attempts: record.attempts + 1 });
    return true;
  };
  const outbox: FlushOutbox = {
    async claimDue({ now, limit, leaseMs, destinationId, excludeDestinations = [] }) {
      const due = [...records.values()].filter(
        (r) => r.status === 'queued' && (destinationId === undefined ? !excludeDestinations.includes(r.destinationId) : r.destinationId === destinationId),
      );
      const claimed = due.slice(0, limit).map((r) => ({ ...r, status: 'sending' as const, leaseToken: `lease-${++leases}`, nextAttemptAt: now + leaseMs }));
      for (const record of claimed) records.set(record.id, record);
      return ok(claimed);
    },
    async settleMany(settles) {
      const status = { synced: 'synced', retry: 'queued', released: 'queued', failed: 'failed', paused: 'paused' } as const;
      return ok(settles.map((one) => settle(one.id, one.leaseToken, status[one.kind])));
    },
    nextDueAt: async () => undefined,
  };
  const add = (count: number, destinationId: string) => {
    for (let i = 0; i < count; i++) {
      const capture = makeCapture({ destinationId });
      const record: OutboxRecord = {
        id: capture.id,
        capture,
        destinationId,
        normalizedUrl: capture.page.url,
        status: 'queued',
        attempts: 0,
        createdAt: T0,
        updatedAt: T0,
        nextAttemptAt: T0,
        retrySpentMs: 0,
      };
      records.set(record.id, record);
    }
  };
  const statuses = () => [...records.values()].map((r) => r.status);
  return { outbox, add, statuses };
}
