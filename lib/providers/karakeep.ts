// Karakeep: POST {address}/api/v1/bookmarks creates a link bookmark, or answers 200 with the one it has (api-specs/karakeep-create-bookmark.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, errorOutcome, stringAt } from './answer';
import { apiUrl, finishRequest, pageUri, readRequest, requestHeaders } from './common';
import type { FieldSpec, HttpAnswer, Outcome, ProviderRequest, ServerErrorFields } from './types';

export const KARAKEEP_TITLE_MAX = 1000;

// ---------------------------------------------------------------- settings
export const karakeepSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('karakeep'),
});
export type KarakeepDestination = z.infer<typeof karakeepSettingsSchema>;

// ---------------------------------------------------------------- fields
// Base URL and key only: lists and tags cannot be set in the create call.
const fields: readonly FieldSpec[] = [];

// ---------------------------------------------------------------- request
// The link variant only (Keeplink never sends text or asset bookmarks); unevaluatedProperties: false, hence strict.
export const karakeepRequestSchema = z.strictObject({
  type: z.literal('link'),
  url: z.url({ protocol: /^https?$/ }),
  title: z.optional(z.string().check(z.minLength(1), z.maxLength(KARAKEEP_TITLE_MAX))),
  note: z.optional(z.string().check(z.minLength(1))),
  source: z.literal('extension'),
});
type KarakeepRequest = z.infer<typeof karakeepRequestSchema>;

function buildRequest(capture: Capture, destination: KarakeepDestination): Result<ProviderRequest> {
  // "extension", not "rss"/"import": a URL Karakeep already has is then re-saved (moved up), as a person expects.
  const body: KarakeepRequest = { type: 'link', url: pageUri(capture), source: 'extension' };
  if (capture.page.title) body.title = capture.page.title;
  if (capture.note) body.note = capture.note;
  return finishRequest(karakeepRequestSchema, apiUrl(destination.baseUrl, '/api/v1/bookmarks'), destination.apiKey, body);
}

/** Needs only bookmarks:read, so it also proves a scoped key reaches bookmarks (users/me would need users:read). */
function checkRequest(destination: KarakeepDestination): Result<ProviderRequest> {
  return readRequest(apiUrl(destination.baseUrl, '/api/v1/bookmarks?limit=1&includeContent=false'), requestHeaders(destination.apiKey));
}

// ---------------------------------------------------------------- success (201 new, 200 already there)
const status = z.nullable(z.enum(['success', 'failure', 'pending']));

export const karakeepSuccessSchema = z.object({
  id: z.string().check(z.minLength(1)),
  createdAt: z.string(),
  modifiedAt: z.nullable(z.string()),
  archived: z.boolean(),
  favourited: z.boolean(),
  taggingStatus: status,
  summarizationStatus: status,
  embeddingStatus: status,
  userId: z.string(),
  tags: z.array(z.object({ id: z.string(), name: z.string(), attachedBy: z.enum(['ai', 'human']) })),
  content: z.object({ type: z.enum(['link', 'text', 'asset', 'unknown']) }),
  assets: z.array(z.object({ id: z.string(), assetType: z.string() })),
  alreadyExists: z.boolean(),
  note: z.optional(z.nullable(z.string())),
});

// ---------------------------------------------------------------- error (400 zod-validator JSON; the rest plain text)
/** Karakeep's body field → the capture field it came from. */
const CAPTURE_FIELDS: Record<string, string> = { url: 'url', title: 'title', note: 'note' };

const issuesSchema = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));

const zodErrorBodySchema = z.object({ success: z.literal(false), error: z.object({ name: z.string(), message: z.string() }) });

/** `error.message` is itself the JSON text of zod's issues: the first one names the field and says why. */
function errorFields(body: z.infer<typeof zodErrorBodySchema>): ServerErrorFields {
  let issues: unknown;
  try {
    issues = JSON.parse(body.error.message);
  } catch {
    return { message: body.error.message };
  }
  const first = issuesSchema.safeParse(issues);
  const issue = first.success ? first.data[0] : undefined;
  if (!issue) return { message: body.error.message };
  const name = String(issue.path[0] ?? '');
  return { message: name ? `${name}: ${issue.message}` : issue.message, field: CAPTURE_FIELDS[name] };
}

export const karakeepErrorSchema = z.pipe(zodErrorBodySchema, z.transform(errorFields));

// ---------------------------------------------------------------- classifier
function plainText(answer: HttpAnswer): string | undefined {
  const type = answer.headers['content-type'] ?? '';
  return type.startsWith('text/plain') && answer.bodyText.trim() ? answer.bodyText.trim() : undefined;
}

function special(answer: HttpAnswer, server: ServerErrorFields): Outcome | undefined {
  const text = plainText(answer);
  const said = text ? { ...server, message: text } : server;
  if (answer.status === 403 && /quota/i.test(text ?? '')) return errorOutcome('paused', 'bookmark-quota', answer, said);
  if (answer.status === 403 && /scope/i.test(text ?? '')) return errorOutcome('paused', 'key-scope', answer, said);
  if (answer.status === 429) {
    // No Retry-After header: the wait is only in the text ("Try again in <N> seconds.").
    const seconds = /in (\d+) seconds?/i.exec(text ?? '')?.[1];
    const outcome = errorOutcome('retry', 'rate-limited', answer, said);
    return seconds && outcome.kind === 'retry' && outcome.retryAfterMs === undefined ? { ...outcome, retryAfterMs: Number(seconds) * 1000 } : outcome;
  }
  // "Malformed JSON in request body" is worth showing; other plain texts ("Unauthorized") only repeat the status.
  if (answer.status === 400 && text) return errorOutcome('failed', 'bad-request', answer, said);
  return undefined;
}

/** Only the answer tells whether a re-save took the note: servers before v0.33.1 return the bookmark unchanged. */
function resaved(note: string | null | undefined, capture: Capture | undefined): 'note-updated' | 'kept' {
  return capture?.note !== undefined && note === capture.note ? 'note-updated' : 'kept';
}

export const karakeep = defineProvider({
  id: 'karakeep',
  apiKeyRequired: true,
  settingsSchema: karakeepSettingsSchema,
  fields,
  limits: { title: KARAKEEP_TITLE_MAX },
  buildRequest,
  checkRequest,
  // A re-save (source "extension") overwrites the note when one is sent (v0.33.1+); tags need a second call, outside the contract.
  resave: { note: 'set-only', tags: 'kept' },
  success: {
    schema: karakeepSuccessSchema,
    read: (data, capture) => ({ id: data.id, ...(data.alreadyExists ? { existing: resaved(data.note, capture) } : {}) }),
    salvage: (loose) => ({ id: stringAt(loose, 'id') }),
  },
  error: { schema: karakeepErrorSchema },
  special,
  // No ids in Karakeep's path: a 404 means the address does not lead to the API.
  notFound: 'api-not-found',
  gone: 'api-not-found',
});
