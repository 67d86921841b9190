// Owns the three reads the popup needs before its first paint. A tiny classic script starts them while the
// popup's modules still load (entrypoints/popup-prefetch.ts); the popup picks up the same promises.
import { nativeBrowser as browser } from './native-browser';

export interface PopupReads {
  tab: Promise<{ id?: number; url?: string; title?: string; incognito?: boolean; favIconUrl?: string } | undefined>;
  stored: Promise<Record<string, unknown>>;
  session: Promise<Record<string, unknown>>;
}

const GLOBAL = 'keeplinkPopupReads';

/** storage.local key: per destination id, whether the popup's "More options" was left open. */
export const POPUP_EXTRAS_KEY = 'popupExtrasOpen';

export function startPopupReads(search: string): PopupReads {
  const tabId = Number(new URLSearchParams(search).get('tabId'));
  return {
    tab: tabId ? browser.tabs.get(tabId) : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab),
    stored: browser.storage.local.get(['destinations', 'preferences', POPUP_EXTRAS_KEY]),
    session: browser.storage.session.get('lastFailure').catch(() => ({})),
  };
}

export function publishPopupReads(reads: PopupReads): void {
  (globalThis as Record<string, unknown>)[GLOBAL] = reads;
}

/** The reads the prefetch script started, or new ones when it did not run. */
export function takePopupReads(search: string): PopupReads {
  return ((globalThis as Record<string, unknown>)[GLOBAL] as PopupReads | undefined) ?? startPopupReads(search);
}
