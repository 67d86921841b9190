// Owns the toolbar button: the global badge (captures not yet delivered, empty at zero) and the per-tab "already
// saved" mark, an icon variant with a tick plus the title, so the count badge stays readable on top of it.
import { browser } from 'wxt/browser';

const SAVED_ICON = { 16: '/icon/saved-16.png', 32: '/icon/saved-32.png' };
const PLAIN_ICON = { 16: '/icon/16.png', 32: '/icon/32.png' };

export async function showUndeliveredCount(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  await browser.action.setBadgeText({ text: count > 0 ? String(count > 999 ? '999+' : count) : '' });
}

/** `savedTitle`: the tooltip while marked; unmarked, the tab gets the manifest's own title back. */
export async function showSavedMark(tabId: number, saved: boolean, savedTitle: string): Promise<void> {
  const title = saved ? savedTitle : (browser.runtime.getManifest().action?.default_title ?? '');
  await Promise.all([browser.action.setIcon({ tabId, path: saved ? SAVED_ICON : PLAIN_ICON }), browser.action.setTitle({ tabId, title })]);
}
