// Owns the context menu items and reading a clicked link's text from its frame.
import { browser, type Browser } from 'wxt/browser';

export const MENU_SAVE = 'keeplink-save';

export async function createMenus(): Promise<void> {
  // Chrome keeps menus across updates and reports duplicate ids unless they are cleared first.
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_SAVE, title: 'Save link to Keeplink', contexts: ['page', 'link'] });
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
