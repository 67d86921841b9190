// Owns reading a tab's metadata with scripting under activeTab; falls back to nothing where scripting is refused.
import { browser } from 'wxt/browser';
import type { RawPageMetadata } from '../page-metadata';
import { isScriptablePage } from '../web-url';

/** Runs in the page: reads attributes and text only, never evaluates anything the page provides. */
function readInPage(): RawPageMetadata {
  const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name) ?? undefined;
  const meta = (key: string) => attr(`meta[property="${key}"], meta[name="${key}"]`, 'content');
  return {
    canonical: attr('link[rel~="canonical"]', 'href'),
    ogDescription: meta('og:description'),
    ogSiteName: meta('og:site_name'),
    ogImage: meta('og:image'),
    description: meta('description'),
    lang: document.documentElement.lang || undefined,
    selection: String(window.getSelection() ?? '').slice(0, 20000),
  };
}

/** `pageUrl` is the tab's URL: only web pages are scripted; anything else keeps its own url and title. */
export async function readPageMetadata(tabId: number, pageUrl: string): Promise<RawPageMetadata | undefined> {
  if (!isScriptablePage(pageUrl)) return undefined;
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, func: readInPage });
    return (first?.result ?? undefined) as RawPageMetadata | undefined;
  } catch {
    // Store pages, chrome:// and PDFs refuse scripting: the tab's own url and title are used.
    return undefined;
  }
}

/** Only the selection, for a menu or shortcut save by a user who turned on including it. */
export async function readSelection(tabId: number, pageUrl: string): Promise<unknown> {
  return (await readPageMetadata(tabId, pageUrl))?.selection;
}
