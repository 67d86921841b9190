// Loaded after the popup's first paint: validates and enqueues a capture, then follows its record.
import { browser } from 'wxt/browser';
import { describeEditSaved } from '../../components/edit-feedback';
import type { EditAnswer, PopupView, SaveAnswer } from '../../components/PopupApp';
import { t } from '../../components/i18n';
import { describeError } from '../../components/messages';
import { describeRecord } from '../../components/record-status';
import { editOfCapture, saveEdit, type SavedEdit } from '../../lib/edit-after-save';
import type { KeeplinkError } from '../../lib/errors';
import { onOutboxChanged, type OutboxChange } from '../../lib/outbox/changes';
import { normalizeUrl } from '../../lib/outbox/normalize-url';
import { createOutbox, type Outbox } from '../../lib/outbox/outbox';
import { cleanPageMetadata, type PageMetadata, type RawPageMetadata } from '../../lib/page-metadata';
import { requestFlush } from '../../lib/platform/flush-request';
import { readPageMetadata } from '../../lib/platform/read-page-metadata';
import { recordTitle, visibleIn } from '../../lib/history';
import { captureInputFromForm, topTags, type PopupForm } from '../../lib/popup-form';
import type { Destination } from '../../lib/providers';
import { saveCapture } from '../../lib/save-capture';
import { mergeSettings } from '../../lib/managed-settings';
import type { PopupStored } from '../../lib/platform/popup-reads';
import { parsePreferences, type Preferences } from '../../lib/settings';

export interface PopupSaverDeps {
  outbox: Outbox;
  /** Best effort: the record is durable already, and the worker flushes on its own next wake too. */
  requestFlush(): void;
  /** The tab's metadata as its page states it, unchecked; undefined where scripting is not allowed. */
  readPageMetadata(tabId: number, pageUrl: string): Promise<RawPageMetadata | undefined>;
  /** Stores the preferences with the destination just used, so the next popup picks it again. */
  savePreferences(preferences: Preferences): Promise<void>;
  onOutboxChanged(listener: (change: OutboxChange) => void): () => void;
}

export type PopupSaver = ReturnType<typeof createPopupSaver>;

/** How many of the recent captures' tags the Tags field can complete, most used first. */
const KNOWN_TAGS = 200;

export function createPopupSaver(deps: PopupSaverDeps) {
  const { outbox } = deps;
  // The list the last save validated: the record being watched is named by it.
  let destinations: Destination[] = [];
  // Titles of the records watched, so an edit of one deleted meanwhile can still name it.
  const titles = new Map<string, string>();

  return {
    describe: (error: KeeplinkError) => describeError(error),

    async suggestTags(incognito: boolean): Promise<string[]> {
      const recent = await outbox.list({ limit: 200 }).catch(() => []);
      return topTags(visibleIn(recent, { incognito }).map((r) => r.capture.tags), KNOWN_TAGS);
    },

    async deliveredAt(pageUrl: string, destinationId: string, incognito: boolean): Promise<number | undefined> {
      try {
        const delivered = await outbox.findDelivered(normalizeUrl(pageUrl), destinationId);
        return delivered && visibleIn([delivered], { incognito })[0]?.syncedAt;
      } catch {
        return undefined;
      }
    },

    async loadMetadata(tabId: number, pageUrl: string): Promise<PageMetadata> {
      return cleanPageMetadata(await deps.readPageMetadata(tabId, pageUrl), pageUrl);
    },

    /**
     * `meta` was read from the tab at `tabUrl`; `stored` is what the popup read at open: destinations, preferences,
     * the organization's policy and what the user keeps for it, merged and validated here.
     */
    async saveFromPopup(
      form: PopupForm,
      meta: PageMetadata,
      tabUrl: string,
      stored: PopupStored,
      incognito: boolean,
    ): Promise<SaveAnswer> {
      const merged = mergeSettings({ policy: stored.policy, destinations: stored.destinations, preferences: stored.preferences, managedLocal: stored.managedLocal });
      destinations = merged.destinations;
      const destination = destinations.find((d) => d.id === form.destinationId);
      if (!destination) {
        // A policy destination still waiting for its key says so, like any setting to fix in Options.
        const waiting = merged.invalidDestinations.find((d) => d.id === form.destinationId)?.error;
        return { ok: false, text: describeError(waiting ?? { kind: 'keeplink-error', code: 'destination-missing', retryable: false }) };
      }
      const preferences = merged.preferences;
      const input = { ...captureInputFromForm(form, destination.provider, meta, tabUrl), ...(incognito ? { incognito } : {}) };
      // The popup writes to IndexedDB itself: waiting for the worker to wake would add to the click-to-durable time.
      const saved = await saveCapture(input, { destinations, preferences }, { outbox, requestFlush: deps.requestFlush });
      if (!saved.ok) return { ok: false, text: describeError(saved.error, destination.name), ...(saved.error.field ? { field: saved.error.field } : {}) };
      // The user's own preferences: the policy's stay in the policy, never copied into them.
      void deps.savePreferences({ ...parsePreferences(stored.preferences), lastPopupDestinationId: destination.id });
      return { ok: true, recordId: saved.value.record.id };
    },

    /** The edit of a delivered record, against the destinations the last save validated. */
    async saveEdit(id: string, edit: SavedEdit): Promise<EditAnswer> {
      const record = await outbox.get(id);
      if (!record) return { ok: true, text: t('editNotDelivered', { title: titles.get(id) ?? '' }) };
      const saved = await saveEdit(record, edit, destinations, { outbox, requestFlush: deps.requestFlush });
      const destination = destinations.find((d) => d.id === record.destinationId);
      if (!saved.ok) return { ok: false, text: describeError(saved.error, destination?.name), field: saved.error.field };
      return { ok: true, text: describeEditSaved(saved.value, destination, recordTitle(record)), recordId: saved.value.queued?.record.id };
    },

    watchRecord(id: string, onView: (view: PopupView) => void): () => void {
      const show = async () => {
        const record = await outbox.get(id);
        if (!record) return;
        titles.set(id, recordTitle(record));
        const destination = destinations.find((d) => d.id === record.destinationId);
        const status = describeRecord(record, destination?.name ?? t('statusDestinationFallback'), destination?.provider);
        onView({
          text: status.text,
          link: record.result?.link,
          qrPng: record.result?.qrPng,
          delivered: record.status === 'synced',
          editable: record.status === 'synced' ? editOfCapture(record.capture) : undefined,
        });
      };
      void show();
      return deps.onOutboxChanged((change) => {
        if (change.ids.includes(id)) void show();
      });
    },
  };
}

/** The popup's saver on this browser's outbox, storage and tabs. */
export function popupSaver(): PopupSaver {
  return createPopupSaver({
    outbox: createOutbox(),
    requestFlush,
    readPageMetadata,
    savePreferences: (preferences) => browser.storage.local.set({ preferences }),
    onOutboxChanged,
  });
}
