// Owns turning a context-menu click into capture input: a link click saves the link, not the page.
import type { CaptureInput } from './capture';

export interface MenuClickFacts {
  pageUrl?: string | undefined;
  linkUrl?: string | undefined;
  /** Firefox gives it; in Chrome it is read from the page. */
  linkText?: string | undefined;
  selectionText?: string | undefined;
  srcUrl?: string | undefined;
  mediaType?: string | undefined;
}

export interface TabFacts {
  url?: string | undefined;
  title?: string | undefined;
  incognito?: boolean | undefined;
}

export function captureInputFromMenu(click: MenuClickFacts, tab: TabFacts | undefined, destinationId: string): CaptureInput {
  const pageUrl = click.pageUrl ?? tab?.url ?? '';
  const base = { source: 'context-menu' as const, destinationId, ...(tab?.incognito ? { incognito: true } : {}) };
  if (click.linkUrl) {
    const title = click.linkText?.trim() || click.selectionText?.trim() || click.linkUrl;
    return { ...base, page: { url: click.linkUrl, title, sourceUrl: pageUrl } };
  }
  return { ...base, page: { url: pageUrl, title: tab?.title ?? '' } };
}
