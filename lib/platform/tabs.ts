// Owns reading tabs: the active one, and all tabs of a window (which needs the optional `tabs` permission).
import { browser } from 'wxt/browser';
import type { TabFacts } from '../menu-capture';

export type TabInfo = TabFacts & { id?: number | undefined; windowId?: number | undefined };

/** Must run inside the user's gesture (menu click, command): it may prompt for the `tabs` permission. */
export function requestTabsPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['tabs'] }).catch(() => false);
}

export async function tabsOfWindow(windowId: number | undefined): Promise<TabInfo[]> {
  const tabs = await browser.tabs.query(windowId === undefined ? { currentWindow: true } : { windowId });
  return tabs.map((t) => ({ id: t.id, url: t.url, title: t.title, incognito: t.incognito, windowId: t.windowId }));
}

/** Every tab; a tab's URL is there only where the browser shows it to Keeplink. */
export async function allTabs(): Promise<TabInfo[]> {
  return (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url, title: t.title, incognito: t.incognito, windowId: t.windowId }));
}

export async function activeTab(): Promise<TabInfo | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab && { id: tab.id, url: tab.url, title: tab.title, incognito: tab.incognito, windowId: tab.windowId };
}

/** Whether an incognito session is still open (only visible when the user allows Keeplink in incognito). */
export async function hasIncognitoWindow(): Promise<boolean> {
  return (await browser.windows.getAll()).some((window) => window.incognito);
}

export async function openExtensionPage(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') });
}
