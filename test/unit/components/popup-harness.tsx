// Renders the popup with fake services, and builds the views a real watch() sends from real outbox records.
import { act, render, screen } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import { vi, type Mock } from 'vitest';
import { PopupApp, type PopupServices, type PopupView, type SaveAnswer } from '../../../components/PopupApp';
import { describeRecord } from '../../../components/record-status';
import type { KeeplinkError } from '../../../lib/errors';
import { outboxRecordSchema, type OutboxRecord, type OutboxStatus } from '../../../lib/outbox/record';
import type { PageMetadata } from '../../../lib/page-metadata';
import { newPopupForm, type DestinationSummary, type PopupForm } from '../../../lib/popup-form';
import type { DeliveryResult, ProviderId } from '../../../lib/providers/types';
import { makeCapture, T0 } from '../outbox/fixtures';

export const PAGE_URL = 'https://example.com/articles/42';
export const PAGE_TITLE = 'How to keep links';

export const DESTINATIONS: DestinationSummary[] = [
  { id: 'dest-a', name: 'Team wiki', provider: 'sharely' },
  { id: 'dest-b', name: 'Short links', provider: 'shortpen' },
  { id: 'dest-c', name: 'Tickets', provider: 'poozle' },
];

export function popupForm(overrides: Partial<PopupForm> = {}): PopupForm {
  return { ...newPopupForm({ title: PAGE_TITLE, url: PAGE_URL }, 'dest-a'), ...overrides };
}

/** An outbox record in the given state, checked against the outbox's own schema so it is one the outbox could hold. */
export function outboxRecord(
  status: OutboxStatus,
  extra: { destinationId?: string; lastError?: KeeplinkError; result?: DeliveryResult; warning?: KeeplinkError } = {},
): OutboxRecord {
  const capture = makeCapture({ url: PAGE_URL, title: PAGE_TITLE, destinationId: extra.destinationId ?? 'dest-a' });
  return outboxRecordSchema.parse({
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    normalizedUrl: PAGE_URL,
    status,
    createdAt: T0,
    updatedAt: T0,
    attempts: status === 'queued' && !extra.lastError ? 0 : 1,
    nextAttemptAt: T0 + 60_000,
    retrySpentMs: 0,
    ...(status === 'synced' ? { syncedAt: T0 } : {}),
    ...(extra.lastError ? { lastError: extra.lastError } : {}),
    ...(extra.result ? { result: extra.result } : {}),
    ...(extra.warning ? { warning: extra.warning } : {}),
  });
}

/** What entrypoints/popup/save.ts watchRecord sends for this record. */
export function viewOf(record: OutboxRecord, destinations: readonly DestinationSummary[] = DESTINATIONS): PopupView {
  const destination = destinations.find((d) => d.id === record.destinationId);
  const status = describeRecord(record, destination?.name ?? 'the destination', destination?.provider as ProviderId | undefined);
  return { text: status.text, link: record.result?.link, qrPng: record.result?.qrPng };
}

export const LOCAL_QR = 'data:image/png;base64,TE9DQUw=';

export interface PopupFakes {
  save: Mock<PopupServices['save']>;
  suggestTags: Mock<PopupServices['suggestTags']>;
  deliveredAt: Mock<PopupServices['deliveredAt']>;
  loadMetadata: Mock<PopupServices['loadMetadata']>;
  watch: Mock<PopupServices['watch']>;
  unwatch: Mock<() => void>;
  copy: Mock<PopupServices['copy']>;
  renderQr: Mock<PopupServices['renderQr']>;
  openOptions: Mock<() => void>;
  close: Mock<() => void>;
  rememberExtras: Mock<PopupServices['rememberExtras']>;
  loadHistory: Mock<PopupServices['loadHistory']>;
}

export interface PopupHarness extends PopupFakes {
  /** Sends a view through the watch the popup opened, as the outbox would on a change. */
  emit(view: PopupView): void;
  /** The one role=status element (getByRole throws when there are none or several). */
  status(): HTMLElement;
}

export interface ShowOptions {
  initial?: Partial<PopupForm>;
  destinations?: readonly DestinationSummary[];
  problem?: string;
  initialTab?: 'save' | 'history';
  metadata?: PageMetadata;
  tags?: string[];
  delivered?: number;
  onReady?: () => void;
  favIconUrl?: string;
  extrasOpen?: Record<string, boolean>;
}

export function showPopup(options: ShowOptions = {}): PopupHarness {
  let listener: ((view: PopupView) => void) | undefined;
  const unwatch = vi.fn<() => void>();
  const fakes: PopupFakes = {
    save: vi.fn<PopupServices['save']>(() => Promise.resolve<SaveAnswer>({ ok: true, recordId: 'record-1' })),
    suggestTags: vi.fn<PopupServices['suggestTags']>(() => Promise.resolve(options.tags ?? [])),
    deliveredAt: vi.fn<PopupServices['deliveredAt']>(() => Promise.resolve(options.delivered)),
    loadMetadata: vi.fn<PopupServices['loadMetadata']>(() => Promise.resolve(options.metadata ?? {})),
    watch: vi.fn<PopupServices['watch']>((_id, onView) => {
      listener = onView;
      return unwatch;
    }),
    unwatch,
    copy: vi.fn<PopupServices['copy']>(() => Promise.resolve()),
    renderQr: vi.fn<PopupServices['renderQr']>(() => Promise.resolve(LOCAL_QR)),
    openOptions: vi.fn<() => void>(),
    close: vi.fn<() => void>(),
    rememberExtras: vi.fn<PopupServices['rememberExtras']>(),
    loadHistory: vi.fn<PopupServices['loadHistory']>(() => Promise.resolve(HistoryStub)),
  };
  render(
    <PopupApp
      initial={popupForm(options.initial)}
      destinations={options.destinations ?? DESTINATIONS}
      problem={options.problem}
      services={fakes}
      {...(options.onReady ? { onReady: options.onReady } : {})}
      {...(options.initialTab ? { initialTab: options.initialTab } : {})}
      favIconUrl={options.favIconUrl}
      extrasOpen={options.extrasOpen}
    />,
  );
  return {
    ...fakes,
    emit(view) {
      if (!listener) throw new Error('the popup is not watching a record');
      const send = listener;
      act(() => send(view));
    },
    status: () => screen.getByRole('status'),
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
