// Owns showing why a menu or shortcut save failed: the popup opens with the reason; failing that, a notification or a tab.
import { browser } from 'wxt/browser';
import { canNotify, notify } from './notify';

/** storage.session key the popup reads once on open (kept for a minute). */
export const LAST_FAILURE_KEY = 'lastFailure';
export const LAST_FAILURE_TTL_MS = 60_000;

export interface LastFailure {
  text: string;
  at: number;
}

export async function showFailure(text: string): Promise<void> {
  const failure: LastFailure = { text, at: Date.now() };
  await browser.storage.session.set({ [LAST_FAILURE_KEY]: failure });
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // No window to anchor the popup to, or the browser refuses without a gesture: fall through.
  }
  if (await canNotify()) await notify('Keeplink could not save this', text, { offerHistory: true });
  else await browser.tabs.create({ url: browser.runtime.getURL('/popup.html?view=history') });
}
