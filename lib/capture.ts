// Owns the Capture: the single schema of what the user saved, and how a tab becomes one.
import { fail, keeplinkError, ok, type Result } from './errors';
import { cleanPageText } from './page-text';
import { checkWebUrl, URL_MAX } from './web-url';
import { z } from './zod';

/** Generous caps so one capture can never bloat the outbox; providers apply their own, stricter limits. */
export const CAPTURE_LIMITS = {
  url: URL_MAX,
  title: 2000,
  note: 10000,
  tag: 100,
  tags: 50,
  description: 2000,
  selection: 10000,
} as const;

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

function tooLong(field: string, value: string | undefined, max: number): Result<never> | undefined {
  if (value !== undefined && value.length > max) {
    return fail(keeplinkError('field-too-long', { field, details: { max, length: value.length } }));
  }
  return undefined;
}

const blankToUndefined = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Builds a validated Capture, or the first specific error (field + code) that stops it. */
export function buildCapture(input: CaptureInput, deps: CaptureDeps = defaultDeps): Result<Capture> {
  const url = checkWebUrl(input.page.url);
  if (!url.ok) return url;
  const inputPage = cleanPage(input.page);
  const title = inputPage.title;
  const note = blankToUndefined(input.note);
  const tags = [...(input.tags ?? [])].map((tag) => tag.trim()).filter(Boolean);
  const problem =
    tooLong('title', title, CAPTURE_LIMITS.title) ??
    tooLong('note', note, CAPTURE_LIMITS.note) ??
    tooLong('description', inputPage.description, CAPTURE_LIMITS.description) ??
    tooLong('selection', inputPage.selection, CAPTURE_LIMITS.selection) ??
    tags.map((tag) => tooLong('tags', tag, CAPTURE_LIMITS.tag)).find(Boolean);
  if (problem) return problem;
  if (tags.length > CAPTURE_LIMITS.tags) {
    return fail(keeplinkError('field-too-long', { field: 'tags', details: { max: CAPTURE_LIMITS.tags, length: tags.length } }));
  }
  const page: Page = { ...stripBlank(inputPage), url: url.value, title };
  const capture: Capture = {
    id: deps.uuid(),
    createdAt: deps.now(),
    source: input.source,
    page,
    tags,
    destinationId: input.destinationId,
  };
  if (note) capture.note = note;
  if (input.options) capture.options = input.options;
  if (input.incognito) capture.incognito = true;
  const parsed = captureSchema.safeParse(capture);
  if (!parsed.success) return fail(keeplinkError('field-invalid', { details: { issue: parsed.error.issues[0]?.path.join('.') ?? '' } }));
  return ok(parsed.data);
}

const PAGE_LINES = ['description', 'siteName', 'lang'] as const;
const PAGE_URLS = ['canonicalUrl', 'imageUrl', 'sourceUrl'] as const;

/**
 * Every capture passes here, whichever way it came (popup, menu, shortcut, bulk, an edit in History): page text
 * made inert, and each page URL a web URL without userinfo, or left out.
 */
function cleanPage(page: Page): Page {
  const out: Page = { url: page.url, title: cleanPageText(page.title) };
  for (const key of PAGE_LINES) {
    const value = page[key];
    if (value !== undefined) out[key] = cleanPageText(value);
  }
  if (page.selection !== undefined) out.selection = cleanPageText(page.selection, { multiline: true });
  for (const key of PAGE_URLS) {
    const checked = page[key] === undefined ? undefined : checkWebUrl(page[key]);
    if (checked?.ok) out[key] = checked.value;
  }
  return out;
}

function stripBlank(page: Page): Page {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(page)) {
    if (typeof value === 'string' && value.trim()) out[key] = value.trim();
  }
  return out as Page;
}
