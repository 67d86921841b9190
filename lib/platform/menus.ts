// Owns the context menu items and reading a clicked link's text from its frame.
import { browser, type Browser } from 'wxt/browser';

import type { MenuItemPlan, MenuTitle } from '../worker/menu-plan';

// lib/ gives message keys, never sentences; a missing message shows its key rather than a blank item.
const menuTitle = (title: MenuTitle) => ('text' in title ? title.text : browser.i18n.getMessage(title.key) || title.key);

export async function createMenus(plan: readonly MenuItemPlan[]): Promise<void> {
  // Chrome keeps menus across updates and reports duplicate ids unless they are cleared first.
  await browser.contextMenus.removeAll();
  for (const item of plan) {
    const contexts = item.contexts as [MenuItemPlan['contexts'][number], ...MenuItemPlan['contexts']];
    browser.contextMenus.create({ id: item.id, title: menuTitle(item.title), contexts, ...(item.parentId ? { parentId: item.parentId } : {}) });
  }
}

export type MenuClick = Browser.contextMenus.OnClickData;

/**
 * Chrome's click data has no linkText (only Firefox's does), so read the anchor's text in the
 * clicked frame under activeTab. The page value is read as data only and capped.
 */
export async function readLinkText(tabId: number, frameId: number | undefined, linkUrl: string): Promise<string | undefined> {
  try {
    const [first] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId ?? 0] },
      func: (href: string) => {
        for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
          if ((anchor as HTMLAnchorElement).href === href) return (anchor.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
        }
        return '';
      },
      args: [linkUrl],
    });
    const text = first?.result;
    return typeof text === 'string' && text ? text : undefined;
  } catch {
    // Scripting is refused on store pages, chrome:// and PDFs; the caller falls back.
    return undefined;
  }
}
