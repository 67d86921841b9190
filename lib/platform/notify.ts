// Owns the optional notifications: shown only when the user turned them on and granted the permission.
import { browser } from 'wxt/browser';

export const NOTIFICATION_OPEN_HISTORY = 'keeplink-open-history';

export async function canNotify(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);
}

export async function notify(title: string, message: string, options: { offerHistory?: boolean } = {}): Promise<void> {
  if (!(await canNotify())) return;
  await browser.notifications.create(options.offerHistory ? `${NOTIFICATION_OPEN_HISTORY}:${Date.now()}` : '', {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications?.onClicked.addListener(listener);
}
