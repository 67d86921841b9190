// linkding: POST {base}/api/bookmarks/ (trailing slash) creates a bookmark, or updates the one with that URL (api-specs/linkding-create-bookmark.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, idAt } from './answer';
import { apiUrl, finishRequest, pageUri, readRequest, requestHeaders } from './common';
import type { DeliveryResult, FieldSpec, ProviderRequest, ServerErrorFields } from './types';

export const LINKDING_URL_MAX = 2048;
export const LINKDING_TITLE_MAX = 512;
/** The tag column's width; the API itself does not check it (a longer name is a 500 on PostgreSQL). */
export const LINKDING_TAG_MAX = 64;

// ---------------------------------------------------------------- settings
export const linkdingSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('linkding'),
  unread: z._default(z.boolean(), false),
});
export type LinkdingDestination = z.infer<typeof linkdingSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [{ key: 'unread', kind: 'checkbox', required: false, defaultValue: false }];

// ---------------------------------------------------------------- request
// additionalProperties: false in the spec's client contract, hence a strict object.
export const linkdingRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(LINKDING_URL_MAX)),
  title: z.optional(z.string().check(z.minLength(1), z.maxLength(LINKDING_TITLE_MAX))),
  description: z.optional(z.string().check(z.minLength(1))),
  notes: z.optional(z.string().check(z.minLength(1))),
  unread: z.boolean(),
  tag_names: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(LINKDING_TAG_MAX)))),
  date_added: z.iso.datetime(),
});
type LinkdingRequest = z.infer<typeof linkdingRequestSchema>;

function buildRequest(capture: Capture, destination: LinkdingDestination): Result<ProviderRequest> {
  // date_added is the capture's moment: linkding keeps a bookmark's own date on a duplicate, which is how the answer tells one.
  const body: LinkdingRequest = { url: pageUri(capture), unread: destination.unread, date_added: new Date(capture.createdAt).toISOString() };
  if (capture.page.title) body.title = capture.page.title;
  if (capture.page.description) body.description = capture.page.description;
  if (capture.note) body.notes = capture.note;
  if (capture.tags.length > 0) body.tag_names = capture.tags;
  return finishRequest(linkdingRequestSchema, apiUrl(destination.baseUrl, '/api/bookmarks/'), destination.apiKey, body, 'Token');
}

/** Read-only and cheap (no page fetch), and it needs the key: a 401 here means the key is wrong. */
function checkRequest(destination: LinkdingDestination): Result<ProviderRequest> {
  return readRequest(apiUrl(destination.baseUrl, '/api/bookmarks/?limit=1'), requestHeaders(destination.apiKey, 'Token'));
}

// ---------------------------------------------------------------- success (201 bookmark, also for a duplicate)
const nullableString = z.nullable(z.string());

export const linkdingSuccessSchema = z.object({
  id: z.int(),
  url: z.string(),
  title: z.string(),
  description: z.string(),
  notes: z.string(),
  web_archive_snapshot_url: nullableString,
  favicon_url: nullableString,
  preview_image_url: nullableString,
  is_archived: z.boolean(),
  unread: z.boolean(),
  shared: z.boolean(),
  tag_names: z.array(z.string()),
  date_added: z.string(),
  date_modified: z.string(),
  website_title: z.null(),
  website_description: z.null(),
});

// ---------------------------------------------------------------- error (400 keyed by field, 401/415 {detail})
/** linkding's body field → the capture field it came from. */
const CAPTURE_FIELDS: Record<string, string> = { url: 'url', title: 'title', description: 'description', notes: 'note', tag_names: 'tags' };

function firstMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(firstMessage).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(firstMessage).find(Boolean);
  return undefined;
}

function errorFields(body: Record<string, unknown>): ServerErrorFields {
  if (typeof body.detail === 'string') return { message: body.detail };
  const [name, messages] = Object.entries(body)[0] ?? [];
  if (name === undefined) return {};
  const message = firstMessage(messages);
  return { field: CAPTURE_FIELDS[name], message: message === undefined ? undefined : `${name}: ${message}` };
}

export const linkdingErrorSchema = z.pipe(z.record(z.string(), z.unknown()), z.transform(errorFields));

// ---------------------------------------------------------------- classifier
/** A new bookmark carries the date_added Keeplink sent; an existing one keeps its own (and was updated). */
function existing(dateAdded: string, capture: Capture | undefined): DeliveryResult {
  const stored = Date.parse(dateAdded);
  return capture && !Number.isNaN(stored) && stored !== capture.createdAt ? { existing: 'updated' } : {};
}

export const linkding = defineProvider({
  id: 'linkding',
  apiKeyRequired: true,
  settingsSchema: linkdingSettingsSchema,
  fields,
  limits: { url: LINKDING_URL_MAX, title: LINKDING_TITLE_MAX, tag: LINKDING_TAG_MAX },
  buildRequest,
  checkRequest,
  // A re-save replaces notes and tags (omitted: cleared), so every edit is sent whole (api-specs: Duplicate URL behaviour).
  resave: { note: 'replaced', tags: 'replaced' },
  success: {
    schema: linkdingSuccessSchema,
    read: (data, capture) => ({ id: String(data.id), ...existing(data.date_added, capture) }),
    salvage: (loose) => ({ id: idAt(loose, 'id') }),
  },
  error: { schema: linkdingErrorSchema },
  // No workspace in linkding's path: a 404 means the base URL (or its prefix) does not lead to the API.
  notFound: 'api-not-found',
  gone: 'api-not-found',
});
