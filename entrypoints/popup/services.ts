// The popup's services for one open popup, schema-free: saving, tags, history and the record's status all go through
// the saver, whose code loads after first paint.
import type { ComponentType } from 'preact';
import type { PopupServices } from '../../components/PopupApp';
import type { Schedule } from '../../components/useAutoSave';
import type { Lazy } from '../../lib/lazy';
import type { PopupStored } from '../../lib/platform/popup-reads';
import type { PopupSaver } from './save';

export interface PopupDeps {
  /** Started right after first paint, so Save never waits for the schema/outbox code to download. */
  saver: Lazy<PopupSaver>;
  /** The tab the popup opened on, and what it read from storage.local at open. */
  tab: { id?: number; url?: string; incognito?: boolean } | undefined;
  stored: PopupStored;
  copy(text: string): Promise<void>;
  renderQr(text: string): Promise<string>;
  openOptions(): void;
  close(): void;
  /** Stores "More options" open/closed for a destination (storage.local), for the next popup. */
  rememberExtras(destinationId: string, open: boolean): void;
  loadHistory(context: { incognito: boolean }): Promise<ComponentType<{ onOpenOptions(): void }>>;
  /** The popup's timers (the Undo window of "Save immediately"). */
  schedule: Schedule;
}

export function createPopupServices(deps: PopupDeps): PopupServices {
  const { saver, tab, stored, loadHistory, ...browserSide } = deps;
  const url = tab?.url ?? '';
  const incognito = tab?.incognito === true;
  return {
    // Once loaded, no await before the write: awaiting the cached load again would still cost a task.
    save: async (form, meta) => (saver.current() ?? (await saver())).saveFromPopup(form, meta, url, stored, incognito),
    suggestTags: async () => (await saver()).suggestTags(incognito),
    deliveredAt: async (pageUrl, destinationId) => (await saver()).deliveredAt(pageUrl, destinationId, incognito),
    loadMetadata: async () => (tab?.id === undefined ? {} : (await saver()).loadMetadata(tab.id, url)),
    saveEdit: async (id, edit) => (await saver()).saveEdit(id, edit),
    watch: (id, onView) => {
      let stop: (() => void) | undefined;
      let cancelled = false;
      void saver().then((loaded) => {
        if (!cancelled) stop = loaded.watchRecord(id, onView);
      });
      return () => {
        cancelled = true;
        stop?.();
      };
    },
    ...browserSide,
    loadHistory: () => loadHistory({ incognito }),
  };
}
