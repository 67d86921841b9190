// Linkwarden: POST {base}/api/v1/links creates a link in a collection, with tags (api-specs/linkwarden-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, ok, type ErrorCode, type Result } from '../errors';
import { z } from '../zod';
import { apiUrl, classifyAnswer, deliveredOutcome, errorOutcome, finishRequest, pageUri, present, requestHeaders, tooLong, type ServerErrorFields } from './common';
import type { FieldSpec, HttpAnswer, Outcome, Provider, ProviderRequest } from './types';

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
  const url = pageUri(capture);
  if (!url.ok) return fail(url.error);
  const name = present(capture.page.title);
  const note = present(capture.note);
  const problem =
    tooLong('url', url.value, LINKWARDEN_TEXT_MAX) ??
    tooLong('title', name, LINKWARDEN_TEXT_MAX) ??
    tooLong('note', note, LINKWARDEN_TEXT_MAX) ??
    capture.tags.map((tag) => tooLong('tags', tag, LINKWARDEN_TAG_MAX)).find(Boolean);
  if (problem) return fail(problem);
  const body: LinkwardenRequest = { url: url.value };
  if (name) body.name = name;
  // Linkwarden's one free-text field: the user's note is what belongs there.
  if (note) body.description = note;
  // Only an id selects an existing collection (a name would create a new one); none means Unorganized.
  if (destination.collectionId !== undefined) body.collection = { id: destination.collectionId };
  if (capture.tags.length > 0) body.tags = capture.tags.map((tag) => ({ name: tag }));
  const endpoint = apiUrl(destination.baseUrl, '/api/v1/links');
  if (!endpoint.ok) return endpoint;
  return finishRequest(linkwardenRequestSchema, endpoint.value, destination.apiKey, body);
}

function checkRequest(destination: LinkwardenDestination): Result<ProviderRequest> {
  const endpoint = apiUrl(destination.baseUrl, '/api/v1/users/me');
  if (!endpoint.ok) return endpoint;
  return ok({ method: 'GET', url: endpoint.value, headers: requestHeaders(destination.apiKey), body: undefined });
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

// ---------------------------------------------------------------- classifier
/** 400s that are about the destination or the account, not this capture: retrying the capture cannot help. */
const SETTINGS_400: readonly [RegExp, ErrorCode][] = [
  [/collection is not accessible/i, 'not-found'],
  [/maximum number of links/i, 'plan-limit'],
  [/read-only demo/i, 'forbidden'],
];

function special(answer: HttpAnswer, server: ServerErrorFields): Outcome | undefined {
  const message = server.message ?? '';
  if (answer.status === 400) {
    const settings = SETTINGS_400.find(([pattern]) => pattern.test(message));
    if (settings) return errorOutcome('paused', settings[1], answer, { message });
  }
  // "Prevent duplicate links" is on: nothing changed, and it is there already; sending again would only repeat this.
  if (answer.status === 409) return { kind: 'synced', result: { existing: 'unchanged' } };
  if (answer.status === 401 && /expired/i.test(message)) return errorOutcome('paused', 'auth-expired', answer, server);
  // "User not found." is the token of a deleted account; a 404 without Linkwarden's body is a wrong base URL.
  if (answer.status === 404 && message) return errorOutcome('paused', 'auth-invalid', answer, server);
  return undefined;
}

function classify(answer: HttpAnswer): Outcome {
  return classifyAnswer(answer, {
    success: (json) =>
      deliveredOutcome(
        linkwardenSuccessSchema,
        json,
        (data) => ({ id: String(data.response.id) }),
        (loose) => {
          const id = (loose as { response?: { id?: unknown } } | null)?.response?.id;
          return typeof id === 'number' || typeof id === 'string' ? { id: String(id) } : {};
        },
      ),
    errorSchema: linkwardenErrorSchema,
    special,
    notFound: 'api-not-found',
    gone: 'api-not-found',
  });
}

export const linkwarden: Provider<LinkwardenDestination> = {
  id: 'linkwarden',
  apiKeyRequired: true,
  settingsSchema: linkwardenSettingsSchema,
  fields,
  buildRequest,
  checkRequest,
  successSchema: linkwardenSuccessSchema,
  errorSchema: linkwardenErrorSchema,
  classify,
};
