// Linkwarden: POST {base}/api/v1/links creates a link in a collection, with tags (api-specs/linkwarden-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, idAt } from './answer';
import { apiUrl, finishRequest, pageUri, readRequest, requestHeaders } from './common';
import type { FieldSpec, ProviderRequest, ServerErrorFields } from './types';

export const LINKWARDEN_TEXT_MAX = 2048;
export const LINKWARDEN_TAG_MAX = 50;

// ---------------------------------------------------------------- settings
export const linkwardenSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('linkwarden'),
  collectionId: z.optional(z.int().check(z.positive())),
});
export type LinkwardenDestination = z.infer<typeof linkwardenSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [{ key: 'collectionId', kind: 'int', required: false }];

// ---------------------------------------------------------------- request
// The spec's client contract: a non-empty http(s) url always, never type or image, integer ids.
export const linkwardenRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(LINKWARDEN_TEXT_MAX)),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(LINKWARDEN_TEXT_MAX))),
  description: z.optional(z.string().check(z.minLength(1), z.maxLength(LINKWARDEN_TEXT_MAX))),
  collection: z.optional(z.strictObject({ id: z.int() })),
  tags: z.optional(z.array(z.strictObject({ name: z.string().check(z.minLength(1), z.maxLength(LINKWARDEN_TAG_MAX)) }))),
});
type LinkwardenRequest = z.infer<typeof linkwardenRequestSchema>;

function buildRequest(capture: Capture, destination: LinkwardenDestination): Result<ProviderRequest> {
  const body: LinkwardenRequest = { url: pageUri(capture) };
  if (capture.page.title) body.name = capture.page.title;
  // Linkwarden's one free-text field: the user's note is what belongs there.
  if (capture.note) body.description = capture.note;
  // Only an id selects an existing collection (a name would create a new one); none means Unorganized.
  if (destination.collectionId !== undefined) body.collection = { id: destination.collectionId };
  if (capture.tags.length > 0) body.tags = capture.tags.map((tag) => ({ name: tag }));
  return finishRequest(linkwardenRequestSchema, apiUrl(destination.baseUrl, '/api/v1/links'), destination.apiKey, body);
}

function checkRequest(destination: LinkwardenDestination): Result<ProviderRequest> {
  return readRequest(apiUrl(destination.baseUrl, '/api/v1/users/me'), requestHeaders(destination.apiKey));
}

// ---------------------------------------------------------------- success (200 {response: Link})
export const linkwardenSuccessSchema = z.object({
  response: z.object({
    id: z.int(),
    name: z.string(),
    type: z.enum(['url', 'pdf', 'image']),
    description: z.string(),
    collectionId: z.int(),
    url: z.nullable(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    tags: z.array(z.object({ id: z.int(), name: z.string(), ownerId: z.int() })),
    collection: z.object({ id: z.int(), name: z.string(), ownerId: z.int() }),
  }),
});

// ---------------------------------------------------------------- error ({response: "<message>"}; Next.js' own are plain text)
/** Linkwarden's body field → the capture field it came from. */
const CAPTURE_FIELDS: Record<string, string> = { url: 'url', name: 'title', description: 'note', tags: 'tags' };

/** "Error: Invalid URL [url]": zod's first issue, its path in brackets. */
function errorFields(body: { response: string }): ServerErrorFields {
  const path = /\[([^\]]*)\]\s*$/.exec(body.response)?.[1]?.split(',')[0]?.trim();
  return { message: body.response, field: path ? CAPTURE_FIELDS[path] : undefined };
}

const responseBodySchema = z.object({ response: z.string() });
export const linkwardenErrorSchema = z.pipe(responseBodySchema, z.transform(errorFields));

// ---------------------------------------------------------------- answers
export const linkwarden = defineProvider({
  id: 'linkwarden',
  apiKeyRequired: true,
  settingsSchema: linkwardenSettingsSchema,
  fields,
  limits: { url: LINKWARDEN_TEXT_MAX, title: LINKWARDEN_TEXT_MAX, note: LINKWARDEN_TEXT_MAX, tag: LINKWARDEN_TAG_MAX },
  buildRequest,
  checkRequest,
  success: {
    schema: linkwardenSuccessSchema,
    read: (data) => ({ id: String(data.response.id) }),
    salvage: (loose) => ({ id: idAt(loose, 'response', 'id') }),
  },
  error: { schema: linkwardenErrorSchema },
  rules: [
    // 400s that are about the destination or the account, not this capture: retrying the capture cannot help.
    { status: 400, message: /collection is not accessible/i, then: { kind: 'paused', code: 'not-found' } },
    { status: 400, message: /maximum number of links/i, then: { kind: 'paused', code: 'plan-limit' } },
    { status: 400, message: /read-only demo/i, then: { kind: 'paused', code: 'forbidden' } },
    // "Prevent duplicate links" is on: nothing changed, and it is there already; sending again would only repeat this.
    { status: 409, then: { kind: 'synced', result: { existing: 'unchanged' } } },
    { status: 401, message: /expired/i, then: { kind: 'paused', code: 'auth-expired' } },
    // "User not found." is the token of a deleted account; a 404 without Linkwarden's body is a wrong base URL.
    { status: 404, message: /./, then: { kind: 'paused', code: 'auth-invalid' } },
  ],
  notFound: 'api-not-found',
  gone: 'api-not-found',
});
