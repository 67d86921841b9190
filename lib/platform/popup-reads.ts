// Owns the three reads the popup needs before its first render; started as the popup's script begins to run.
import { browser } from 'wxt/browser';

export interface PopupReads {
  tab: Promise<{ id?: number; url?: string; title?: string; incognito?: boolean } | undefined>;
  stored: Promise<Record<string, unknown>>;
  session: Promise<Record<string, unknown>>;
}

export function startPopupReads(search: string): PopupReads {
  const tabId = Number(new URLSearchParams(search).get('tabId'));
  return {
    tab: tabId ? browser.tabs.get(tabId) : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab),
    stored: browser.storage.local.get(['destinations', 'preferences']),
    session: browser.storage.session.get('lastFailure').catch(() => ({})),
  };
}
