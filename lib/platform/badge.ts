// Owns the toolbar badge: the number of captures not yet delivered, empty at zero.
import { browser } from 'wxt/browser';

export async function showUndeliveredCount(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  await browser.action.setBadgeText({ text: count > 0 ? String(count > 999 ? '999+' : count) : '' });
}
