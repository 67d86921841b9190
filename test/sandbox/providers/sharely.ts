// Sharely: POST /v1/workspaces/{workspaceId}/knowledge/link → 201 {id, knowledgeId}, errors {error, message}.
import { STATUS_CODES } from 'node:http';
import { SANDBOX_IDS } from '../ids';
import type { BodyError } from '../records';
import type { ErrorSpec, SandboxApi } from './types';

const MESSAGES: Record<number, string> = {
  400: 'Invalid request parameters',
  401: 'Invalid or missing API key',
  403: 'Insufficient permissions for this workspace',
  404: 'Resource not found',
  422: 'Invalid URL format',
  429: 'Rate limit exceeded',
  500: 'Internal server error',
  503: 'Service temporarily unavailable',
};

const headers = { 'x-api-version': 'v1' };

function sharelyError({ status, message }: ErrorSpec) {
  return { status, headers, body: { error: STATUS_CODES[status] ?? 'Error', message: message ?? MESSAGES[status] ?? 'Request failed' } };
}

/** The documented wording: "Missing required field: url", "Type must be 'LINK'…", 422 for a bad URL. */
function describeViolation(errors: readonly BodyError[]): ErrorSpec {
  if (errors.some((error) => error.instancePath === '/url' && error.keyword === 'format')) return { status: 422 };
  const first = errors[0];
  if (!first) return { status: 400 };
  if (first.keyword === 'required') return { status: 400, message: `Missing required field: ${String(first.params.missingProperty)}` };
  if (first.instancePath === '/type') return { status: 400, message: "Type must be 'LINK' for this endpoint" };
  return { status: 400, message: `Invalid field ${first.instancePath || 'body'}: ${first.message}` };
}

export const sharelyApi: SandboxApi = {
  provider: 'sharely',
  prefix: '/sharely',
  route: /^\/v1\/workspaces\/(?<workspaceId>[^/]+)\/knowledge\/link$/,
  successStatus: 201,
  headers,
  error: sharelyError,
  authError: () => sharelyError({ status: 401 }),
  invalidBody: (errors) => sharelyError(describeViolation(errors)),
  // Sharely documents no 404: a workspace the key cannot reach is 403 Forbidden.
  checkTargets: ({ params }) => (params.workspaceId === SANDBOX_IDS.sharely.workspaceId ? undefined : sharelyError({ status: 403 })),
  async create({ body, random }) {
    const id = random.uuid();
    return { id, pageUrl: String(body.url), reply: { status: 201, headers, body: { id, knowledgeId: id } } };
  },
};
