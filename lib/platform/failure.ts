// Owns showing why a menu or shortcut save failed: the popup opens with the reason; failing that, a notification or a tab.
import { browser } from 'wxt/browser';
import type { KeeplinkError } from '../errors';
import { LAST_FAILURE_KEY, type LastFailure } from './failure-key';
import { canNotify, notify } from './notify';

export async function showFailure(error: KeeplinkError): Promise<void> {
  const failure: LastFailure = { error, at: Date.now() };
  await browser.storage.session.set({ [LAST_FAILURE_KEY]: failure });
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // No window to anchor the popup to, or the browser refuses without a gesture: fall through.
  }
  // The popup page, opened in a tab or from the notification, says why.
  if (await canNotify()) await notify(browser.i18n.getMessage('notifyFailureTitle'), browser.i18n.getMessage('notifyFailureMessage'), { offerDetails: true });
  else await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
}
