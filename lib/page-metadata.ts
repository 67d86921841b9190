// Owns cleaning what a page says about itself: values are inert data, capped, and URLs must be web URLs without userinfo.
import { cleanPageText } from './page-text';
import { checkWebUrl } from './web-url';

/** What the injected reader returns; every field is untrusted page data. */
export interface RawPageMetadata {
  canonical?: unknown;
  ogDescription?: unknown;
  ogSiteName?: unknown;
  ogImage?: unknown;
  description?: unknown;
  lang?: unknown;
  selection?: unknown;
}

export interface PageMetadata {
  canonicalUrl?: string;
  description?: string;
  siteName?: string;
  imageUrl?: string;
  lang?: string;
  selection?: string;
}

export const METADATA_LIMITS = { text: 300, description: 2000, selection: 10000, url: 2048, lang: 35 } as const;

function text(value: unknown, max: number, multiline = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = cleanPageText(value, { multiline });
  return clean ? clean.slice(0, max).trim() : undefined;
}

/** Resolves against the page and keeps only http(s) URLs within the cap (no javascript:, data:, …), userinfo removed. */
function webUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let resolved: string;
  try {
    resolved = new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
  const checked = checkWebUrl(resolved);
  return checked.ok && checked.value.length <= METADATA_LIMITS.url ? checked.value : undefined;
}

export function cleanPageMetadata(raw: RawPageMetadata | undefined, pageUrl: string): PageMetadata {
  if (!raw || typeof raw !== 'object') return {};
  const out: PageMetadata = {};
  const set = <K extends keyof PageMetadata>(key: K, value: PageMetadata[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('canonicalUrl', webUrl(raw.canonical, pageUrl));
  set('description', text(raw.ogDescription, METADATA_LIMITS.description) ?? text(raw.description, METADATA_LIMITS.description));
  set('siteName', text(raw.ogSiteName, METADATA_LIMITS.text));
  set('imageUrl', webUrl(raw.ogImage, pageUrl));
  set('lang', text(raw.lang, METADATA_LIMITS.lang));
  set('selection', text(raw.selection, METADATA_LIMITS.selection, true));
  return out;
}

/** True when the canonical URL names another address than the tab (ignoring only a fragment). */
export function canonicalDiffers(meta: PageMetadata, tabUrl: string): boolean {
  if (!meta.canonicalUrl) return false;
  const strip = (u: string) => u.replace(/#.*$/, '');
  return strip(meta.canonicalUrl) !== strip(tabUrl);
}
