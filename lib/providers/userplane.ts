// Userplane: POST /public/workspace/{workspaceId}/links creates a recording link (api-specs/userplane-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { keeplinkError, type KeeplinkError, type Result } from '../errors';
import { z } from '../zod';
import { defineProvider, stringAt } from './answer';
import { apiUrl, finishRequest, pageUri, providerIdSchema } from './common';
import type { AnswerRule, FieldSpec, ProviderRequest } from './types';

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

function settingsWarnings(settings: Pick<UserplaneDestination, 'apiKey'>): KeeplinkError[] {
  const key = settings.apiKey.trim();
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
  // Title, note and tags have no field of their own: they travel as linkMeta strings.
  const meta: Record<string, string> = {};
  if (capture.page.title) meta.title = capture.page.title;
  if (capture.note) meta.note = capture.note;
  if (capture.tags.length > 0) meta.tags = capture.tags.join(', ');
  const body: UserplaneRequest = { domainId: destination.domainId, linkReusable: destination.linkReusable, linkReference: pageUri(capture) };
  if (destination.projectId) body.projectId = destination.projectId;
  if (Object.keys(meta).length > 0) body.linkMeta = meta;
  return finishRequest(userplaneRequestSchema, apiUrl(destination.baseUrl, '/public/workspace/{workspaceId}/links', { workspaceId: destination.workspaceId }), destination.apiKey, body);
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

// ---------------------------------------------------------------- answers
/** Userplane names every documented failure; its code says more than the status (403 is both a key and a plan problem). */
const CODE_RULES: readonly AnswerRule[] = (
  [
    ['BAD_REQUEST', 'failed', 'bad-request'],
    ['API_KEY_REQUIRED', 'paused', 'auth-missing'],
    ['API_KEY_INVALID', 'paused', 'auth-invalid'],
    ['API_KEY_EXPIRED', 'paused', 'auth-expired'],
    ['API_KEY_DISABLED', 'paused', 'auth-disabled'],
    ['NOT_A_MEMBER', 'paused', 'not-a-member'],
    ['LINK_WORKSPACE_MISMATCH', 'paused', 'forbidden'],
    ['PLAN_LIMIT_EXCEEDED', 'paused', 'plan-limit'],
    ['WORKSPACE_NOT_FOUND', 'paused', 'workspace-not-found'],
    ['LINK_DEFAULT_PROJECT_NOT_FOUND', 'paused', 'project-not-found'],
    ['LINK_NOT_FOUND', 'paused', 'not-found'],
    ['WORKSPACE_GONE', 'paused', 'workspace-gone'],
    ['LINK_PROJECT_DELETED', 'paused', 'project-gone'],
    ['LINK_GONE', 'paused', 'not-found'],
    ['RATE_LIMITED', 'retry', 'rate-limited'],
    ['LINK_CREATE_FAILED', 'retry', 'server-error'],
    ['SERVICE_UNAVAILABLE', 'retry', 'service-unavailable'],
  ] as const
).map(([serverCode, kind, code]) => ({ serverCode, then: { kind, code } }));

export const userplane = defineProvider({
  id: 'userplane',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.userplane.io/api/v1',
  settingsSchema: userplaneSettingsSchema,
  fields,
  limits: { url: USERPLANE_REFERENCE_MAX, title: USERPLANE_META_MAX, note: USERPLANE_META_MAX, tagsText: USERPLANE_META_MAX },
  buildRequest,
  success: {
    schema: userplaneSuccessSchema,
    read: (data) => ({ id: data.data.link.linkId, link: data.data.link.linkURL }),
    salvage: (loose) => ({ id: stringAt(loose, 'data', 'link', 'linkId'), link: stringAt(loose, 'data', 'link', 'linkURL') }),
  },
  error: { schema: userplaneErrorSchema },
  rules: CODE_RULES,
  notFound: 'workspace-not-found',
  gone: 'workspace-gone',
  settingsWarnings,
});
