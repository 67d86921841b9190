// Test fixtures for the outbox and sync tests: captures, a fake clock, an outbox on the fresh fake IndexedDB.
import { vi, type Mock } from 'vitest';
import type { Capture } from '../../../lib/capture';
import { createOutbox, type Outbox } from '../../../lib/outbox/outbox';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

let serial = 0;

/** A valid v4-shaped UUID that sorts in creation order. */
export function testUuid(): string {
  serial += 1;
  return `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
}

export function makeCapture(overrides: { url?: string; title?: string; destinationId?: string; id?: string } = {}): Capture {
  return {
    id: overrides.id ?? testUuid(),
    createdAt: T0,
    source: 'popup',
    page: { url: overrides.url ?? `https://example.com/page/${serial}`, title: overrides.title ?? 'A page' },
    tags: [],
    destinationId: overrides.destinationId ?? 'dest-a',
  };
}

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
  set(time: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (next) => {
      time = next;
    },
  };
}

export function testOutbox(clock: FakeClock = fakeClock()): { outbox: Outbox; notify: Mock<(ids: readonly string[]) => void> } {
  const notify = vi.fn<(ids: readonly string[]) => void>();
  return { outbox: createOutbox({ now: clock.now, notify }), notify };
}

/** Unwraps a Result in a test, failing loudly with the error. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Counts the readwrite transactions started from now on (restored by the test file's vi.restoreAllMocks). */
export function countWriteTransactions(): () => number {
  const transaction = IDBDatabase.prototype.transaction;
  let count = 0;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    if (args[1] === 'readwrite') count += 1;
    return transaction.apply(this, args);
  });
  return () => count;
}
