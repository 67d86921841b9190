// Owns the Capture: the single schema of what the user saved, and how a tab becomes one.
import { fail, keeplinkError, ok, type KeeplinkError, type Result } from './errors';
import { cleanPageText } from './page-text';
import { checkWebUrl, URL_MAX, webUri } from './web-url';
import { z } from './zod';

/**
 * The most a capture may hold of each value, checked once when it is built. `url` counts the RFC 3986 form
 * requests carry; `tag` is one tag, `tags` how many, `tagsText` all of them joined with ", " (Userplane sends
 * them as one string). A destination's spec may tighten these (its provider's `limits`).
 */
export interface CaptureLimits {
  url: number;
  title: number;
  note: number;
  tag: number;
  tags: number;
  tagsText?: number;
  description: number;
  selection: number;
}

/** Generous caps so one capture can never bloat the outbox; destinations tighten them (lib/providers limitsFor). */
export const CAPTURE_LIMITS: CaptureLimits = {
  url: URL_MAX,
  title: 2000,
  note: 10000,
  tag: 100,
  tags: 50,
  description: 2000,
  selection: 10000,
};

export const captureSourceSchema = z.enum(['popup', 'context-menu', 'shortcut', 'bulk']);

export const pageSchema = z.object({
  url: z.string(),
  title: z.string(),
  canonicalUrl: z.optional(z.string()),
  description: z.optional(z.string()),
  siteName: z.optional(z.string()),
  imageUrl: z.optional(z.string()),
  lang: z.optional(z.string()),
  selection: z.optional(z.string()),
  /** For an image or link capture: the page it was found on. */
  sourceUrl: z.optional(z.string()),
});

export const utmSchema = z.object({
  source: z.optional(z.string()),
  medium: z.optional(z.string()),
  campaign: z.optional(z.string()),
});

/** Per-capture provider options; each provider reads only its own. */
export const captureOptionsSchema = z.object({
  customSlug: z.optional(z.string()),
  utm: z.optional(utmSchema),
  qr: z.optional(z.boolean()),
  categories: z.optional(z.array(z.string())),
});

export const captureSchema = z.object({
  id: z.string().check(z.uuid()),
  createdAt: z.number(),
  source: captureSourceSchema,
  page: pageSchema,
  note: z.optional(z.string()),
  tags: z.array(z.string()),
  destinationId: z.string().check(z.minLength(1)),
  options: z.optional(captureOptionsSchema),
  incognito: z.optional(z.boolean()),
});

export type CaptureSource = z.infer<typeof captureSourceSchema>;
export type Page = z.infer<typeof pageSchema>;
export type CaptureOptions = z.infer<typeof captureOptionsSchema>;
export type Capture = z.infer<typeof captureSchema>;

export interface CaptureInput {
  page: Page;
  source: CaptureSource;
  destinationId: string;
  note?: string;
  tags?: readonly string[];
  options?: CaptureOptions;
  incognito?: boolean;
}

export interface CaptureDeps {
  now: () => number;
  uuid: () => string;
}

const defaultDeps: CaptureDeps = { now: () => Date.now(), uuid: () => crypto.randomUUID() };

function tooLong(field: string, value: string | undefined, max: number | undefined): KeeplinkError | undefined {
  if (value === undefined || max === undefined || value.length <= max) return undefined;
  return keeplinkError('field-too-long', { field, details: { max, length: value.length } });
}

/** The first value over its limit, named at its field. */
function limitProblem(page: Page, note: string | undefined, tags: readonly string[], limits: CaptureLimits): KeeplinkError | undefined {
  return (
    tooLong('url', webUri(page.url), limits.url) ??
    tooLong('title', page.title, limits.title) ??
    tooLong('note', note, limits.note) ??
    tooLong('description', page.description, limits.description) ??
    tooLong('selection', page.selection, limits.selection) ??
    tags.map((tag) => tooLong('tags', tag, limits.tag)).find(Boolean) ??
    (tags.length > limits.tags ? keeplinkError('field-too-long', { field: 'tags', details: { max: limits.tags, length: tags.length } }) : undefined) ??
    (tags.length > 0 ? tooLong('tags', tags.join(', '), limits.tagsText) : undefined)
  );
}

const blankToUndefined = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Per-capture options as providers read them: every text trimmed, blank ones left out. */
function cleanOptions(options: CaptureOptions): CaptureOptions {
  const out: CaptureOptions = {};
  const slug = blankToUndefined(options.customSlug);
  if (slug) out.customSlug = slug;
  if (options.utm) {
    const utm: NonNullable<CaptureOptions['utm']> = {};
    for (const key of ['source', 'medium', 'campaign'] as const) {
      const value = blankToUndefined(options.utm[key]);
      if (value) utm[key] = value;
    }
    if (Object.keys(utm).length > 0) out.utm = utm;
  }
  if (options.qr !== undefined) out.qr = options.qr;
  const categories = (options.categories ?? []).map((category) => category.trim()).filter(Boolean);
  if (categories.length > 0) out.categories = categories;
  return out;
}

/**
 * The one gate between a click and a request: builds a validated Capture (every value trimmed and made inert,
 * the URL a web URL, each value within `limits`), or the first specific error (field + code) that stops it.
 * Providers trust what passed here and check nothing again.
 */
export function buildCapture(input: CaptureInput, deps: CaptureDeps = defaultDeps, limits: CaptureLimits = CAPTURE_LIMITS): Result<Capture> {
  const url = checkWebUrl(input.page.url);
  if (!url.ok) return url;
  const page = cleanPage(input.page, url.value);
  const note = blankToUndefined(input.note);
  const tags = [...(input.tags ?? [])].map((tag) => tag.trim()).filter(Boolean);
  const problem = limitProblem(page, note, tags, limits);
  if (problem) return fail(problem);
  const capture: Capture = {
    id: deps.uuid(),
    createdAt: deps.now(),
    source: input.source,
    page,
    tags,
    destinationId: input.destinationId,
  };
  if (note) capture.note = note;
  const options = input.options && cleanOptions(input.options);
  if (options && Object.keys(options).length > 0) capture.options = options;
  if (input.incognito) capture.incognito = true;
  const parsed = captureSchema.safeParse(capture);
  if (!parsed.success) return fail(keeplinkError('field-invalid', { details: { issue: parsed.error.issues[0]?.path.join('.') ?? '' } }));
  return ok(parsed.data);
}

const PAGE_LINES = ['description', 'siteName', 'lang'] as const;
const PAGE_URLS = ['canonicalUrl', 'imageUrl', 'sourceUrl'] as const;

/**
 * Every capture passes here, whichever way it came (popup, menu, shortcut, bulk, an edit in History): page text
 * made inert and trimmed, each page URL a web URL without userinfo, blank values and unusable URLs left out.
 */
function cleanPage(page: Page, url: string): Page {
  const out: Page = { url, title: cleanPageText(page.title) };
  for (const key of PAGE_LINES) {
    const value = page[key] === undefined ? '' : cleanPageText(page[key]);
    if (value) out[key] = value;
  }
  const selection = page.selection === undefined ? '' : cleanPageText(page.selection, { multiline: true });
  if (selection) out.selection = selection;
  for (const key of PAGE_URLS) {
    const checked = page[key] === undefined ? undefined : checkWebUrl(page[key]);
    if (checked?.ok) out[key] = checked.value;
  }
  return out;
}
