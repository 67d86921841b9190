// Userplane: POST /public/workspace/{workspaceId}/links → 200 {message, data: {workspaceId, link}}, errors {defined, code, status, message}.
import { SANDBOX_IDS } from '../ids';
import type { Reply } from '../http';
import type { ErrorSpec, SandboxApi } from './types';

/** Every code the spec defines, with its status and default message. */
const DEFINED: Record<string, { status: number; message: string }> = {
  BAD_REQUEST: { status: 400, message: 'Invalid request parameters. Check the request body and query parameters. See https://docs.userplane.io/api/error-handling' },
  API_KEY_REQUIRED: { status: 401, message: 'API key is required. Include it as Authorization: Bearer <your-api-key>. See https://docs.userplane.io/api/authentication' },
  API_KEY_INVALID: { status: 401, message: 'The provided API key is not valid. Verify the key and try again. See https://docs.userplane.io/api/authentication' },
  API_KEY_EXPIRED: { status: 401, message: 'The API key has expired. Rotate or create a new key. See https://docs.userplane.io/api/authentication' },
  API_KEY_DISABLED: { status: 403, message: 'The API key is disabled. Enable it or create a new key. See https://docs.userplane.io/api/authentication' },
  NOT_A_MEMBER: { status: 403, message: 'The API key owner is not a member of this workspace. See https://docs.userplane.io/api/error-handling' },
  LINK_WORKSPACE_MISMATCH: { status: 403, message: 'Link does not belong to this workspace' },
  PLAN_LIMIT_EXCEEDED: { status: 403, message: 'You have reached your plan limit. Upgrade for more.' },
  WORKSPACE_NOT_FOUND: { status: 404, message: 'Workspace not found' },
  LINK_NOT_FOUND: { status: 404, message: 'Link not found' },
  LINK_DEFAULT_PROJECT_NOT_FOUND: { status: 404, message: 'No default project found for workspace' },
  WORKSPACE_GONE: { status: 410, message: 'Workspace has been deleted' },
  LINK_GONE: { status: 410, message: 'Link has been deleted' },
  LINK_PROJECT_DELETED: { status: 410, message: 'Project has been deleted' },
  RATE_LIMITED: { status: 429, message: 'Rate limit exceeded. Wait and retry with exponential backoff. See https://docs.userplane.io/api/rate-limits' },
  LINK_CREATE_FAILED: { status: 500, message: 'Failed to create link' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'API key verification service is temporarily unavailable. Please try again later. See https://docs.userplane.io/api/error-handling' },
};

/** The code a bare status gets when a test names none. */
const CODE_FOR_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'API_KEY_INVALID',
  403: 'NOT_A_MEMBER',
  404: 'WORKSPACE_NOT_FOUND',
  410: 'WORKSPACE_GONE',
  429: 'RATE_LIMITED',
  500: 'LINK_CREATE_FAILED',
  503: 'SERVICE_UNAVAILABLE',
};

/** A defined code answers in its defined shape; anything else is the spec's `defined: false` variant. */
function userplaneError({ status, code, message }: Partial<ErrorSpec>, data?: unknown): Reply {
  const chosen = code ?? (status === undefined ? undefined : CODE_FOR_STATUS[status]) ?? 'INTERNAL_SERVER_ERROR';
  const defined = DEFINED[chosen];
  const finalStatus = status ?? defined?.status ?? 500;
  const isDefined = defined !== undefined && defined.status === finalStatus;
  return {
    status: finalStatus,
    body: {
      defined: isDefined,
      code: chosen,
      status: finalStatus,
      message: message ?? defined?.message ?? 'Request failed',
      ...(data === undefined ? {} : { data }),
    },
  };
}

export const userplaneApi: SandboxApi = {
  provider: 'userplane',
  prefix: '/userplane/api/v1',
  route: /^\/public\/workspace\/(?<workspaceId>[^/]+)\/links$/,
  successStatus: 200,
  error: (spec) => userplaneError(spec),
  statusForCode: (code) => DEFINED[code]?.status,
  authError: (problem, code) => userplaneError({ code: problem === 'missing' ? 'API_KEY_REQUIRED' : (code ?? 'API_KEY_INVALID') }),
  invalidBody: (errors) =>
    userplaneError({ code: 'BAD_REQUEST' }, { issues: errors.map((error) => ({ path: error.instancePath, message: error.message })) }),
  checkTargets({ params, body }) {
    const ids = SANDBOX_IDS.userplane;
    if (params.workspaceId !== ids.workspaceId) return userplaneError({ code: 'WORKSPACE_NOT_FOUND' });
    if (body.domainId !== ids.domainId) return userplaneError({ status: 404, code: 'DOMAIN_NOT_FOUND', message: 'Domain not found' });
    if (body.projectId === ids.deletedProjectId) return userplaneError({ code: 'LINK_PROJECT_DELETED' });
    if (body.projectId !== undefined && body.projectId !== ids.projectId) {
      return userplaneError({ status: 404, code: 'PROJECT_NOT_FOUND', message: 'Project not found' });
    }
    return undefined;
  },
  async create({ params, body, origin, random, now }) {
    const linkId = `lnk_${random.token(16)}`;
    const linkMeta = (body.linkMeta as Record<string, string> | undefined) ?? null;
    const linkReference = typeof body.linkReference === 'string' ? body.linkReference : null;
    const link = {
      linkId,
      linkTitle: linkMeta?.title ?? null,
      linkType: 'recording',
      linkReusable: body.linkReusable === true,
      linkProviderType: 'web',
      linkProviderId: null,
      linkProviderReference: linkReference,
      linkURL: `${origin}/r/${linkId}`,
      linkMeta,
      createdAt: now.toISOString(),
      project: { projectId: SANDBOX_IDS.userplane.projectId, title: 'Sandbox project' },
      creator: { workspaceMemberId: 'wm_sandbox', name: 'Keeplink Sandbox' },
      domain: { domainId: String(body.domainId), url: origin, status: 'verified' },
    };
    return {
      id: linkId,
      ...(linkReference === null ? {} : { pageUrl: linkReference }),
      reply: { status: 200, body: { message: 'Link created successfully', data: { workspaceId: params.workspaceId, link } } },
    };
  },
};
