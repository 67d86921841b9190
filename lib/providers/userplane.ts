// Userplane: POST /public/workspace/{workspaceId}/links creates a recording link (api-specs/userplane-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, keeplinkError, type ErrorCode, type KeeplinkError, type Result } from '../errors';
import { z } from '../zod';
import { apiUrl, classifyAnswer, deliveredOutcome, errorOutcome, finishRequest, pageUri, present, providerIdSchema, stringAt, tooLong } from './common';
import type { FieldSpec, HttpAnswer, Outcome, Provider, ProviderRequest } from './types';

export const USERPLANE_REFERENCE_MAX = 2048;
export const USERPLANE_META_MAX = 1024;
export const USERPLANE_KEY_PREFIX = 'uspl_';

// ---------------------------------------------------------------- settings
export const userplaneSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('userplane'),
  workspaceId: providerIdSchema,
  domainId: providerIdSchema,
  projectId: z.optional(providerIdSchema),
  linkReusable: z._default(z.boolean(), false),
});
export type UserplaneDestination = z.infer<typeof userplaneSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'workspaceId', kind: 'text', required: true },
  { key: 'domainId', kind: 'text', required: true },
  { key: 'projectId', kind: 'text', required: false },
  { key: 'linkReusable', kind: 'checkbox', required: false, defaultValue: false },
];

function settingsWarnings(destination: UserplaneDestination): KeeplinkError[] {
  const key = destination.apiKey.trim();
  if (!key || key.startsWith(USERPLANE_KEY_PREFIX)) return [];
  return [keeplinkError('field-invalid', { field: 'apiKey', details: { expectedPrefix: USERPLANE_KEY_PREFIX } })];
}

// ---------------------------------------------------------------- request
// additionalProperties: false in the spec, hence a strict object.
export const userplaneRequestSchema = z.strictObject({
  projectId: z.optional(z.string().check(z.minLength(1))),
  domainId: z.string().check(z.minLength(1)),
  linkReference: z.optional(z.string().check(z.maxLength(USERPLANE_REFERENCE_MAX))),
  linkReusable: z.boolean(),
  linkMeta: z.optional(z.record(z.string(), z.string().check(z.maxLength(USERPLANE_META_MAX)))),
});
type UserplaneRequest = z.infer<typeof userplaneRequestSchema>;

function buildRequest(capture: Capture, destination: UserplaneDestination): Result<ProviderRequest> {
  const url = pageUri(capture);
  if (!url.ok) return fail(url.error);
  // Title, note and tags have no field of their own: they travel as linkMeta strings.
  const meta: Record<string, string> = {};
  const title = present(capture.page.title);
  const note = present(capture.note);
  const tags = capture.tags.length > 0 ? capture.tags.join(', ') : undefined;
  if (title) meta.title = title;
  if (note) meta.note = note;
  if (tags) meta.tags = tags;
  const problem =
    tooLong('url', url.value, USERPLANE_REFERENCE_MAX) ??
    tooLong('title', title, USERPLANE_META_MAX) ??
    tooLong('note', note, USERPLANE_META_MAX) ??
    tooLong('tags', tags, USERPLANE_META_MAX);
  if (problem) return fail(problem);
  const body: UserplaneRequest = { domainId: destination.domainId, linkReusable: destination.linkReusable, linkReference: url.value };
  if (destination.projectId) body.projectId = destination.projectId;
  if (Object.keys(meta).length > 0) body.linkMeta = meta;
  const endpoint = apiUrl(destination.baseUrl, '/public/workspace/{workspaceId}/links', { workspaceId: destination.workspaceId });
  if (!endpoint.ok) return endpoint;
  return finishRequest(userplaneRequestSchema, endpoint.value, destination.apiKey, body);
}

// ---------------------------------------------------------------- success (200)
const nullableString = z.nullable(z.string());

export const userplaneSuccessSchema = z.strictObject({
  message: z.string(),
  data: z.strictObject({
    workspaceId: z.string().check(z.minLength(1)),
    link: z.strictObject({
      linkId: z.string().check(z.minLength(1)),
      linkTitle: nullableString,
      linkType: z.enum(['file', 'recording', 'session', 'screenshot']),
      linkReusable: z.boolean(),
      linkProviderType: z.string(),
      linkProviderId: nullableString,
      linkProviderReference: nullableString,
      linkURL: z.string(),
      linkMeta: z.nullable(z.record(z.string(), z.string())),
      createdAt: z.unknown(),
      project: z.strictObject({ projectId: z.string().check(z.minLength(1)), title: nullableString }),
      creator: z.strictObject({ workspaceMemberId: z.string().check(z.minLength(1)), name: z.string() }),
      domain: z.strictObject({
        domainId: z.string().check(z.minLength(1)),
        url: z.string(),
        status: z.enum(['pending', 'verified', 'revoked']),
      }),
    }),
  }),
});

// ---------------------------------------------------------------- error (oRPC-style {defined, code, status, message, data})
export const userplaneErrorSchema = z.object({
  defined: z.boolean(),
  code: z.string(),
  status: z.number(),
  message: z.string(),
  data: z.optional(z.unknown()),
});

// ---------------------------------------------------------------- classifier
/** Userplane names every documented failure; its code says more than the status (403 is both a key and a plan problem). */
const CODE_OUTCOMES: Record<string, { kind: 'retry' | 'paused' | 'failed'; code: ErrorCode }> = {
  BAD_REQUEST: { kind: 'failed', code: 'bad-request' },
  API_KEY_REQUIRED: { kind: 'paused', code: 'auth-missing' },
  API_KEY_INVALID: { kind: 'paused', code: 'auth-invalid' },
  API_KEY_EXPIRED: { kind: 'paused', code: 'auth-expired' },
  API_KEY_DISABLED: { kind: 'paused', code: 'auth-disabled' },
  NOT_A_MEMBER: { kind: 'paused', code: 'not-a-member' },
  LINK_WORKSPACE_MISMATCH: { kind: 'paused', code: 'forbidden' },
  PLAN_LIMIT_EXCEEDED: { kind: 'paused', code: 'plan-limit' },
  WORKSPACE_NOT_FOUND: { kind: 'paused', code: 'workspace-not-found' },
  LINK_DEFAULT_PROJECT_NOT_FOUND: { kind: 'paused', code: 'project-not-found' },
  LINK_NOT_FOUND: { kind: 'paused', code: 'not-found' },
  WORKSPACE_GONE: { kind: 'paused', code: 'workspace-gone' },
  LINK_PROJECT_DELETED: { kind: 'paused', code: 'project-gone' },
  LINK_GONE: { kind: 'paused', code: 'not-found' },
  RATE_LIMITED: { kind: 'retry', code: 'rate-limited' },
  LINK_CREATE_FAILED: { kind: 'retry', code: 'server-error' },
  SERVICE_UNAVAILABLE: { kind: 'retry', code: 'service-unavailable' },
};

function classify(answer: HttpAnswer): Outcome {
  return classifyAnswer(answer, {
    success: (json) =>
      deliveredOutcome(
        userplaneSuccessSchema,
        json,
        (data) => ({ id: data.data.link.linkId, link: data.data.link.linkURL }),
        (loose) => ({ id: stringAt(loose, 'data', 'link', 'linkId'), link: stringAt(loose, 'data', 'link', 'linkURL') }),
      ),
    errorSchema: userplaneErrorSchema,
    special: (response, server) => {
      const known = server.code ? CODE_OUTCOMES[server.code] : undefined;
      return known ? errorOutcome(known.kind, known.code, response, server) : undefined;
    },
    notFound: 'workspace-not-found',
    gone: 'workspace-gone',
  });
}

export const userplane: Provider<UserplaneDestination> = {
  id: 'userplane',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.userplane.io/api/v1',
  settingsSchema: userplaneSettingsSchema,
  fields,
  buildRequest,
  successSchema: userplaneSuccessSchema,
  errorSchema: userplaneErrorSchema,
  classify,
  settingsWarnings,
};
