// Owns the toolbar's per-tab "already saved" mark: a tab whose page has a delivered capture in local history is
// marked, looked up in the outbox's index; no request leaves the device.
import { normalizeUrl } from '../outbox/normalize-url';
import type { OutboxRecord } from '../outbox/record';

export interface MarkTab {
  id?: number | undefined;
  /** Only there when the browser shows Keeplink this tab's URL (`tabs`, host access, or activeTab after a click). */
  url?: string | undefined;
  incognito?: boolean | undefined;
}

export interface SavedMarkDeps {
  findSavedPage(normalizedUrl: string, options: { incognito: boolean }): Promise<OutboxRecord | undefined>;
  get(id: string): Promise<OutboxRecord | undefined>;
  tabs(): Promise<MarkTab[]>;
  show(tabId: number, saved: boolean): Promise<void>;
}

/** Web pages only: a browser page (about:, chrome://, a new tab) is never a capture. */
const pageOf = (tab: MarkTab): { tabId: number; page: string } | undefined =>
  tab.id !== undefined && tab.url !== undefined && /^https?:/.test(tab.url) ? { tabId: tab.id, page: normalizeUrl(tab.url) } : undefined;

export function createSavedMarks(deps: SavedMarkDeps) {
  return {
    /** A tab finished loading (or its URL changed in the page): marked or cleared from local history. */
    async markTab(tab: MarkTab): Promise<void> {
      const shown = pageOf(tab);
      if (!shown) return;
      const saved = await deps.findSavedPage(shown.page, { incognito: tab.incognito === true });
      await deps.show(shown.tabId, saved !== undefined);
    },

    /** Records changed: each tab showing a page that is delivered now gets the mark at once. */
    async markDelivered(ids: readonly string[]): Promise<void> {
      const delivered = (await Promise.all(ids.map((id) => deps.get(id)))).filter((record) => record?.status === 'synced');
      if (delivered.length === 0) return;
      for (const tab of await deps.tabs()) {
        const shown = pageOf(tab);
        if (!shown) continue;
        const match = delivered.some((record) => record?.normalizedUrl === shown.page && (tab.incognito === true || !record.capture.incognito));
        // A tab closed since the query is no reason to leave the others unmarked.
        if (match) await deps.show(shown.tabId, true).catch(() => undefined);
      }
    },
  };
}
