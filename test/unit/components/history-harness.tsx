// Renders the History view on the real outbox (fake IndexedDB), with spies for the browser's side effects.
import { render, screen, within } from '@testing-library/preact';
import { vi } from 'vitest';
import { HistoryView } from '../../../components/HistoryView';
import { createHistoryServices } from '../../../entrypoints/popup/history';
import type { KeeplinkError } from '../../../lib/errors';
import { createOutbox, type Outbox } from '../../../lib/outbox/outbox';
import type { DeliveryResult } from '../../../lib/providers/types';
import { destinations as fixtures } from '../../contracts/fixtures';
import { fakeClock, makeCapture, must, T0 } from '../outbox/fixtures';
import { settleAs } from './record-states';

export const DESTINATIONS = [
  { ...fixtures.sharely, id: 'dest-a', name: 'Team wiki' },
  { ...fixtures.shortpen, id: 'dest-b', name: 'Short links' },
];

export { badKey, rejected } from './record-states';

export interface Harness {
  outbox: Outbox;
  clock: ReturnType<typeof fakeClock>;
  flush: ReturnType<typeof vi.fn<() => void>>;
  copy: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>;
  download: ReturnType<typeof vi.fn<(name: string, type: string, text: string) => void>>;
  onOpenOptions: ReturnType<typeof vi.fn<() => void>>;
  /** Adds a capture in the given state; each one a minute newer than the last. */
  add(options: {
    title: string;
    url?: string;
    destinationId?: string;
    state?: 'queued' | 'failed' | 'paused' | 'synced';
    result?: DeliveryResult;
    error?: KeeplinkError;
    note?: string;
    tags?: string[];
  }): Promise<string>;
  show(options?: { undoMs?: number; destinations?: unknown }): void;
}

export function historyHarness(): Harness {
  const clock = fakeClock();
  const listeners = new Set<() => void>();
  const outbox = createOutbox({ now: clock.now, notify: () => listeners.forEach((listener) => listener()) });
  const flush = vi.fn<() => void>();
  const copy = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  const download = vi.fn<(name: string, type: string, text: string) => void>();
  const onOpenOptions = vi.fn<() => void>();
  let serial = 0;

  return {
    outbox,
    clock,
    flush,
    copy,
    download,
    onOpenOptions,
    async add({ title, url, destinationId = 'dest-a', state = 'queued', result, error, note, tags = [] }) {
      serial += 1;
      clock.set(T0 + serial * 60_000);
      const capture = { ...makeCapture({ title, url, destinationId }), createdAt: clock.now(), tags, ...(note === undefined ? {} : { note }) };
      const { record } = must(await outbox.enqueue(capture));
      if (state !== 'queued') await settleAs(outbox, record, state, { now: clock.now(), ...(result ? { result } : {}), ...(error ? { error } : {}) });
      return record.id;
    },
    show({ undoMs, destinations = DESTINATIONS } = {}) {
      const services = createHistoryServices({
        outbox,
        readDestinations: () => Promise.resolve(destinations),
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        requestFlush: flush,
        copy,
        download,
        now: clock.now,
        incognito: false,
      });
      render(<HistoryView services={services} onOpenOptions={onOpenOptions} {...(undoMs === undefined ? {} : { undoMs })} />);
    },
  };
}

/** The list item named by its title, once the list shows it. */
export async function findItem(title: string): Promise<HTMLElement> {
  return screen.findByRole('listitem', { name: title });
}

export function button(item: HTMLElement, name: string): HTMLElement {
  return within(item).getByRole('button', { name });
}
