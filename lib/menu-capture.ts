// Owns turning a context-menu click into capture input: each menu kind saves its own target.
import type { CaptureInput } from './capture';
import { cleanPageText } from './page-text';
import type { MenuKind } from './worker/menu-plan';

export interface MenuClickFacts {
  pageUrl?: string | undefined;
  linkUrl?: string | undefined;
  /** Firefox gives it; in Chrome it is read from the page. */
  linkText?: string | undefined;
  selectionText?: string | undefined;
  srcUrl?: string | undefined;
}

export interface TabFacts {
  url?: string | undefined;
  title?: string | undefined;
  incognito?: boolean | undefined;
}

/** Long enough for any real quote, short enough that the quoted note stays within its limit. */
const QUOTE_MAX = 4000;

/** The part of a selection a quote shows: all of it, up to the cap. */
export function quotedPart(text: string): string {
  return text.trim().slice(0, QUOTE_MAX);
}

/** A selection becomes a quote in the note, one "> " per line. */
export function quote(text: string): string {
  return quotedPart(text)
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

/** Words a capture's own text needs, in the user's language; the UI layer supplies them (lib/ builds no sentences). */
export interface CaptureWords {
  /** The title of a saved image: e.g. "Image from <page title>". */
  imageTitle(pageTitle: string): string;
}

export function captureInputFromMenu(kind: MenuKind, click: MenuClickFacts, tab: TabFacts | undefined, destinationId: string, words: CaptureWords): CaptureInput {
  const pageUrl = click.pageUrl ?? tab?.url ?? '';
  const pageTitle = tab?.title ?? '';
  const base = { source: 'context-menu' as const, destinationId, ...(tab?.incognito ? { incognito: true } : {}) };
  if (kind === 'link' && click.linkUrl) {
    const title = click.linkText?.trim() || click.selectionText?.trim() || click.linkUrl;
    return { ...base, page: { url: click.linkUrl, title, sourceUrl: pageUrl } };
  }
  if (kind === 'image' && click.srcUrl) {
    return { ...base, page: { url: click.srcUrl, title: pageTitle ? words.imageTitle(pageTitle) : click.srcUrl, sourceUrl: pageUrl } };
  }
  // The quote goes into the note, which buildCapture leaves as typed: the page's text is made inert here.
  const selection = cleanPageText(click.selectionText ?? '', { multiline: true });
  if (kind === 'selection' && selection) {
    return { ...base, page: { url: pageUrl, title: pageTitle, selection }, note: quote(selection) };
  }
  return { ...base, page: { url: pageUrl, title: pageTitle } };
}

/** The page's selection added to a save that shows nothing first (the user turned that on): quoted in the note too. */
export function withSelection(input: CaptureInput, raw: unknown): CaptureInput {
  const selection = typeof raw === 'string' ? cleanPageText(raw, { multiline: true }) : '';
  if (!selection) return input;
  const note = [input.note, quote(selection)].filter(Boolean).join('\n\n');
  return { ...input, page: { ...input.page, selection: quotedPart(selection) }, note };
}
