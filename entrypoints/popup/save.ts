// Loaded after the popup's first paint: validates and enqueues a capture, then follows its record.
import { browser } from 'wxt/browser';
import type { PopupView, SaveAnswer } from '../../components/PopupApp';
import { t } from '../../components/i18n';
import { describeError } from '../../components/messages';
import { describeRecord } from '../../components/record-status';
import type { KeeplinkError } from '../../lib/errors';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { normalizeUrl } from '../../lib/outbox/normalize-url';
import { createOutbox } from '../../lib/outbox/outbox';
import { cleanPageMetadata, type PageMetadata } from '../../lib/page-metadata';
import { requestFlush } from '../../lib/platform/flush-request';
import { readPageMetadata } from '../../lib/platform/read-page-metadata';
import { visibleIn } from '../../lib/history';
import { captureInputFromForm, topTags, type PopupForm } from '../../lib/popup-form';
import type { Destination } from '../../lib/providers';
import { saveCapture } from '../../lib/save-capture';
import { parseDestinations, parsePreferences } from '../../lib/settings';

const outbox = createOutbox();
let destinations: Destination[] = [];

export const describe = (error: KeeplinkError) => describeError(error);

export async function suggestTags(incognito: boolean): Promise<string[]> {
  const recent = await outbox.list({ limit: 200 }).catch(() => []);
  return topTags(visibleIn(recent, { incognito }).map((r) => r.capture.tags));
}

export async function deliveredAt(pageUrl: string, destinationId: string, incognito: boolean): Promise<number | undefined> {
  try {
    const delivered = await outbox.findDelivered(normalizeUrl(pageUrl), destinationId);
    return delivered && visibleIn([delivered], { incognito })[0]?.syncedAt;
  } catch {
    return undefined;
  }
}

export async function loadMetadata(tabId: number, pageUrl: string): Promise<PageMetadata> {
  return cleanPageMetadata(await readPageMetadata(tabId, pageUrl), pageUrl);
}

/**
 * `meta` was read from the tab at `tabUrl`; `stored` is what the popup read from storage.local at open:
 * destinations and preferences, validated here.
 */
export async function saveFromPopup(
  form: PopupForm,
  meta: PageMetadata,
  tabUrl: string,
  stored: { destinations?: unknown; preferences?: unknown },
  incognito: boolean,
): Promise<SaveAnswer> {
  destinations = parseDestinations(stored.destinations).valid;
  const destination = destinations.find((d) => d.id === form.destinationId);
  if (!destination) {
    return { ok: false, text: describeError({ kind: 'keeplink-error', code: 'destination-missing', retryable: false }) };
  }
  const preferences = parsePreferences(stored.preferences);
  const input = { ...captureInputFromForm(form, destination.provider, meta, tabUrl), ...(incognito ? { incognito } : {}) };
  // The popup writes to IndexedDB itself: waiting for the worker to wake would add to the click-to-durable time.
  const saved = await saveCapture(input, { destinations, preferences }, { outbox, requestFlush });
  if (!saved.ok) return { ok: false, text: describeError(saved.error, destination.name), ...(saved.error.field ? { field: saved.error.field } : {}) };
  void browser.storage.local.set({ preferences: { ...preferences, lastPopupDestinationId: destination.id } });
  return { ok: true, recordId: saved.value.record.id };
}

export function watchRecord(id: string, onView: (view: PopupView) => void): () => void {
  const show = async () => {
    const record = await outbox.get(id);
    if (!record) return;
    const destination = destinations.find((d) => d.id === record.destinationId);
    const status = describeRecord(record, destination?.name ?? t('statusDestinationFallback'), destination?.provider);
    onView({ text: status.text, link: record.result?.link, qrPng: record.result?.qrPng });
  };
  void show();
  return onOutboxChanged((change) => {
    if (change.ids.includes(id)) void show();
  });
}
