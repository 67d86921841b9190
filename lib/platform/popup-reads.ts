// Owns the three reads the popup needs before its first render; started as the popup's script begins to run.
import { browser } from 'wxt/browser';
import { readManagedPolicy } from './managed';

/** What the popup reads of settings at open: storage.local's keys, and the organization's policy (storage.managed). */
export interface PopupStored {
  destinations?: unknown;
  preferences?: unknown;
  managedLocal?: unknown;
  policy?: unknown;
  /** Per destination id: whether the popup's "More options" was left open. */
  popupExtrasOpen?: unknown;
}

export interface PopupReads {
  tab: Promise<{ id?: number; url?: string; title?: string; incognito?: boolean; favIconUrl?: string } | undefined>;
  stored: Promise<PopupStored>;
  session: Promise<Record<string, unknown>>;
}

/** storage.local key: per destination id, whether the popup's "More options" was left open. */
export const POPUP_EXTRAS_KEY = 'popupExtrasOpen';

export function startPopupReads(search: string): PopupReads {
  const tabId = Number(new URLSearchParams(search).get('tabId'));
  return {
    tab: tabId ? browser.tabs.get(tabId) : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab),
    // No policy is no error (readManagedPolicy also catches Firefox's synchronous throw in the popup).
    stored: Promise.all([browser.storage.local.get(['destinations', 'preferences', 'managedLocal', POPUP_EXTRAS_KEY]), readManagedPolicy()]).then(
      ([local, policy]) => ({ ...local, policy }),
    ),
    session: browser.storage.session.get('lastFailure').catch(() => ({})),
  };
}
