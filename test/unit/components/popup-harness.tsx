// Renders the popup on its production services: createPopupServices over the real saver (createPopupSaver), the real
// outbox (fake IndexedDB) and stored destinations. Only the browser side is faked: the tab's metadata, the clipboard,
// the QR renderer, windows, and the History chunk. Every service is a spy that calls the real one.
import { act, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import { expect, vi, type Mock } from 'vitest';
import { PopupApp, type PopupServices } from '../../../components/PopupApp';
import { createPopupSaver } from '../../../entrypoints/popup/save';
import { createPopupServices } from '../../../entrypoints/popup/services';
import type { KeeplinkError } from '../../../lib/errors';
import { lazy } from '../../../lib/lazy';
import type { OutboxChange } from '../../../lib/outbox/changes';
import { createOutbox, type Outbox } from '../../../lib/outbox/outbox';
import type { RawPageMetadata } from '../../../lib/page-metadata';
import { newPopupForm, summarizeDestinations, type PopupForm } from '../../../lib/popup-form';
import type { Destination } from '../../../lib/providers';
import type { DeliveryResult } from '../../../lib/providers/types';
import type { Preferences } from '../../../lib/settings';
import { destinations as fixtures } from '../../contracts/fixtures';
import { fakeClock, makeCapture, must, T0, type FakeClock } from '../outbox/fixtures';
import { settleAs, type SettledState } from './record-states';

export const PAGE_URL = 'https://example.com/articles/42';
export const PAGE_TITLE = 'How to keep links';
const TAB_ID = 7;

export const DESTINATIONS: Destination[] = [
  { ...fixtures.sharely, id: 'dest-a', name: 'Team wiki' },
  { ...fixtures.shortpen, id: 'dest-b', name: 'Short links' },
  { ...fixtures.poozle, id: 'dest-c', name: 'Tickets' },
];

export function popupForm(overrides: Partial<PopupForm> = {}): PopupForm {
  return { ...newPopupForm({ title: PAGE_TITLE, url: PAGE_URL }, 'dest-a'), ...overrides };
}

export const LOCAL_QR = 'data:image/png;base64,TE9DQUw=';

type Spies = { [K in keyof PopupServices]: Mock<PopupServices[K]> };

export interface PopupHarness extends Spies {
  outbox: Outbox;
  clock: FakeClock;
  requestFlush: Mock<() => void>;
  savePreferences: Mock<(preferences: Preferences) => Promise<void>>;
  /** Called when the popup stops watching its record. */
  unwatch: Mock<() => void>;
  /** The record the popup saved last (the one it watches). */
  savedId(): string;
  /** Settles the saved record through the outbox, as the sync would; the popup hears of it like any outbox change. */
  settle(state: SettledState, extra?: { result?: DeliveryResult; error?: KeeplinkError }): Promise<void>;
  /** The one role=status element (getByRole throws when there are none or several). */
  status(): HTMLElement;
  /** The popup's timers, on a fake clock that moves only when the test says. */
  timers: FakeTimers;
}

export interface FakeTimers {
  /** Moves the clock on by `ms` and runs every timer that is due by then, in order. */
  elapse(ms: number): void;
  /** Timers scheduled and neither run nor cancelled. */
  pending(): number;
}

function fakeTimers(): FakeTimers & { schedule: PopupServices['schedule'] } {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  return {
    schedule(ms, run) {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return () => timers.delete(id);
    },
    elapse(ms) {
      now += ms;
      const due = [...timers.entries()].filter(([, timer]) => timer.at <= now).sort(([, a], [, b]) => a.at - b.at);
      for (const [id, timer] of due) {
        timers.delete(id);
        act(() => timer.run());
      }
    },
    pending: () => timers.size,
  };
}

export interface ShowOptions {
  initial?: Partial<PopupForm>;
  destinations?: readonly Destination[];
  problem?: string;
  initialTab?: 'save' | 'history';
  /** What the page states, as the tab's script reads it. */
  metadata?: RawPageMetadata;
  /** Tags of earlier captures in the outbox, one capture each. */
  tags?: string[][];
  /** When PAGE_URL was last delivered to dest-a. */
  delivered?: number;
  onReady?: () => void;
  /** The tab's favIconUrl. */
  favIconUrl?: string;
  /** "More options" as stored for each destination. */
  extrasOpen?: Record<string, boolean>;
  saveOnOpen?: boolean;
  closeAfterSave?: boolean;
  focusTagsFirst?: boolean;
}

export async function showPopup(options: ShowOptions = {}): Promise<PopupHarness> {
  const clock = fakeClock();
  // The outbox tells this popup of its writes directly (not over BroadcastChannel), so a test can hold the news back
  // while it moves a record through several writes, and then wait for the one view the popup shows for it.
  const listeners = new Set<(change: OutboxChange) => void>();
  let muted = false;
  const tell = (ids: readonly string[]) => listeners.forEach((listener) => listener({ type: 'outbox/changed', ids: [...ids] }));
  const outbox = createOutbox({ now: clock.now, notify: (ids) => muted || tell(ids) });
  let views = 0;
  for (const tags of options.tags ?? []) must(await outbox.enqueue({ ...makeCapture({ destinationId: 'dest-a' }), tags }));
  if (options.delivered !== undefined) {
    const { record } = must(await outbox.enqueue(makeCapture({ url: PAGE_URL, destinationId: 'dest-a' })));
    clock.set(options.delivered);
    await settleAs(outbox, record, 'synced', { now: clock.now() });
    clock.set(T0);
  }

  const timers = fakeTimers();
  const requestFlush = vi.fn<() => void>();
  const savePreferences = vi.fn<(preferences: Preferences) => Promise<void>>(() => Promise.resolve());
  const unwatch = vi.fn<() => void>();
  const saver = lazy(() =>
    Promise.resolve(
      createPopupSaver({
        outbox,
        requestFlush,
        readPageMetadata: () => Promise.resolve(options.metadata),
        savePreferences,
        onOutboxChanged(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      }),
    ),
  );
  const initial = popupForm(options.initial);
  const stored = { destinations: options.destinations ?? DESTINATIONS, preferences: {} };
  const real = createPopupServices({
    saver,
    tab: { id: TAB_ID, url: initial.url, incognito: false },
    stored,
    copy: () => Promise.resolve(),
    renderQr: () => Promise.resolve(LOCAL_QR),
    openOptions: () => undefined,
    close: () => undefined,
    rememberExtras: () => undefined,
    loadHistory: () => Promise.resolve(HistoryStub),
    schedule: timers.schedule,
  });
  const spies: Spies = {
    save: vi.fn(real.save),
    suggestTags: vi.fn(real.suggestTags),
    deliveredAt: vi.fn(real.deliveredAt),
    loadMetadata: vi.fn(real.loadMetadata),
    watch: vi.fn<PopupServices['watch']>((id, onView) => {
      const stop = real.watch(id, (view) => {
        views += 1;
        onView(view);
      });
      return () => {
        unwatch();
        stop();
      };
    }),
    saveEdit: vi.fn(real.saveEdit),
    copy: vi.fn(real.copy),
    renderQr: vi.fn(real.renderQr),
    openOptions: vi.fn(real.openOptions),
    close: vi.fn(real.close),
    rememberExtras: vi.fn(real.rememberExtras),
    loadHistory: vi.fn(real.loadHistory),
    schedule: vi.fn(real.schedule),
  };
  render(
    <PopupApp
      initial={initial}
      destinations={summarizeDestinations(stored.destinations)}
      problem={options.problem}
      services={spies}
      {...(options.onReady ? { onReady: options.onReady } : {})}
      {...(options.initialTab ? { initialTab: options.initialTab } : {})}
      favIconUrl={options.favIconUrl}
      extrasOpen={options.extrasOpen}
      saveOnOpen={options.saveOnOpen}
      closeAfterSave={options.closeAfterSave}
      focusTagsFirst={options.focusTagsFirst}
    />,
  );

  const savedId = () => {
    const id = spies.watch.mock.lastCall?.[0];
    if (!id) throw new Error('the popup is not watching a record');
    return id;
  };
  return {
    ...spies,
    outbox,
    clock,
    requestFlush,
    savePreferences,
    unwatch,
    savedId,
    async settle(state, extra = {}) {
      const record = await outbox.get(savedId());
      if (!record) throw new Error('the saved record is gone');
      const now = clock.now();
      muted = true;
      await settleAs(outbox, record, state, { now, ...extra });
      muted = false;
      const seen = views;
      act(() => tell([record.id]));
      await waitFor(() => expect(views).toBeGreaterThan(seen));
    },
    status: () => screen.getByRole('status'),
    timers: { elapse: timers.elapse, pending: timers.pending },
  };
}

const HistoryStub: ComponentType<{ onOpenOptions(): void }> = ({ onOpenOptions }) => (
  <section aria-label="History list">
    <button type="button" onClick={onOpenOptions}>
      Open options from history
    </button>
  </section>
);

/** A promise the test settles by hand, to hold the popup in its saving state. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
