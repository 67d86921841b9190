// Owns the popup form's plain data and turning it into a capture input. Schema-free: it is on the popup's first load.
import type { CaptureInput, CaptureOptions, Page } from './capture';
import { quote, quotedPart } from './menu-capture';
import type { PageMetadata } from './page-metadata';
import { cleanPageText } from './page-text';
import { checkWebUrl } from './web-url';

export interface PopupForm {
  title: string;
  url: string;
  destinationId: string;
  note: string;
  tags: string;
  customSlug: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  qr: boolean;
  /** Poozle only: overrides the destination's categories for this capture. */
  categories: string;
}

/** A form with only the page and destination filled in; everything the user adds starts empty. */
export function newPopupForm(page: { title: string; url: string }, destinationId: string): PopupForm {
  // The tab's title is the page's own text: the user sees it as it will be sent.
  return { title: cleanPageText(page.title), url: page.url, destinationId, note: '', tags: '', customSlug: '', utmSource: '', utmMedium: '', utmCampaign: '', qr: false, categories: '' };
}

/** What the popup knows about a destination before any schema is loaded. */
export interface DestinationSummary {
  id: string;
  name: string;
  provider: string;
  baseUrl?: string;
}

/** Splits "a, b,,c" into unique trimmed tags, keeping the user's order. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

/** What the popup prefills into an empty note when the page has a selection: the user sees what will go. */
export function selectionNote(selection: string): string {
  return quote(selection);
}

/** One address, whatever its userinfo or fragment; undefined when it is not a web URL. */
function addressOf(url: string): string | undefined {
  const checked = checkWebUrl(url);
  return checked.ok ? checked.value.replace(/#.*$/, '') : undefined;
}

/** The tab's metadata describes the form's URL only while that is the tab's own address or its canonical one. */
export function metadataApplies(formUrl: string, tabUrl: string, meta: PageMetadata): boolean {
  const address = addressOf(formUrl);
  if (address === undefined) return false;
  return address === addressOf(tabUrl) || (meta.canonicalUrl !== undefined && address === addressOf(meta.canonicalUrl));
}

/**
 * The page facts read from the tab that may go with this form, minus the ones the form already shows. None when
 * the user typed another URL; the selection only as far as the note still shows it quoted.
 */
function pageExtras(form: PopupForm, tabUrl: string, meta: PageMetadata): Omit<Page, 'url' | 'title'> {
  if (!metadataApplies(form.url, tabUrl, meta)) return {};
  const { selection, ...extras } = meta;
  return selection && form.note.includes(selectionNote(selection)) ? { ...extras, selection: quotedPart(selection) } : extras;
}

/** `tabUrl` is the address of the tab the metadata was read from. */
export function captureInputFromForm(form: PopupForm, provider: string, meta: PageMetadata = {}, tabUrl = ''): CaptureInput {
  const options: CaptureOptions = {};
  if (provider === 'shortpen') {
    // As typed: buildCapture trims them and leaves blank ones out, once for every entry point.
    options.customSlug = form.customSlug;
    options.utm = { source: form.utmSource, medium: form.utmMedium, campaign: form.utmCampaign };
    if (form.qr) options.qr = true;
  }
  if (provider === 'poozle') {
    const categories = parseTags(form.categories).map((c) => c.toUpperCase());
    if (categories.length) options.categories = categories;
  }
  const input: CaptureInput = {
    page: { ...pageExtras(form, tabUrl, meta), url: form.url, title: form.title },
    source: 'popup',
    destinationId: form.destinationId,
    note: form.note,
    tags: parseTags(form.tags),
  };
  if (Object.keys(options).length) input.options = options;
  return input;
}

/** Reads stored destinations without a schema: only what the picker needs. Full validation happens on save. */
export function summarizeDestinations(raw: unknown): DestinationSummary[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, name, provider, baseUrl }: Record<string, unknown> = { ...entry };
    if (typeof id !== 'string' || typeof name !== 'string' || typeof provider !== 'string') return [];
    return [typeof baseUrl === 'string' ? { id, name, provider, baseUrl } : { id, name, provider }];
  });
}

/** The user's most used tags, most frequent first, for suggestions. */
export function topTags(tagLists: readonly (readonly string[])[], limit = 6): string[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const tags of tagLists) {
    for (const tag of tags) {
      const key = tag.toLowerCase();
      const entry = counts.get(key) ?? { tag, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).slice(0, limit).map((e) => e.tag);
}

/** Appends a tag to the comma-separated field unless it is already there. */
export function addTag(field: string, tag: string): string {
  const tags = parseTags(field);
  if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return field;
  return [...tags, tag].join(', ');
}

/**
 * The tab's favicon as an <img> source, only when it is a web address or an inline image: never a chrome://,
 * file: or javascript: URL, and nothing is fetched beyond what the <img> itself loads.
 */
export function faviconSrc(favIconUrl: string | undefined): string | undefined {
  if (!favIconUrl) return undefined;
  return /^https?:\/\//i.test(favIconUrl) || /^data:image\/[a-z0-9.+-]+[;,]/i.test(favIconUrl) ? favIconUrl : undefined;
}

/** The page's own site name when it gave one, else the URL's host without "www."; empty for a non-web URL. */
export function siteNameOf(url: string, siteName?: string): string {
  if (siteName?.trim()) return siteName.trim();
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

/** Fields that live behind the "More options" disclosure: an error there opens it. */
export const EXTRA_FIELDS: readonly string[] = ['customSlug', 'utmSource', 'utmMedium', 'utmCampaign', 'categories', 'qr', 'options'];

/** Schema-free (zod is not on the popup's first load): keeps only the boolean entries of a stored object. */
export function booleanRecord(raw: unknown): Record<string, boolean> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
}

/** ShortPen's own QR PNG (base64) as an <img> source. */
export const serverQrSrc = (qrPng: string | undefined) => (qrPng ? `data:image/png;base64,${qrPng}` : undefined);
