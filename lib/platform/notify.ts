// Owns the optional notifications: shown only when the user turned them on and granted the permission.
import { browser } from 'wxt/browser';

/** Notifications with this id prefix open the popup page, which shows the last failure and the History tab. */
export const NOTIFICATION_DETAILS = 'keeplink-details';

export async function canNotify(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);
}

export async function notify(title: string, message: string, options: { offerDetails?: boolean } = {}): Promise<void> {
  if (!(await canNotify())) return;
  await browser.notifications.create(options.offerDetails ? `${NOTIFICATION_DETAILS}:${Date.now()}` : '', {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications?.onClicked.addListener(listener);
}
