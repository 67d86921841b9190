// Poozle: POST /v1/link → 201 Link, errors as ApiException {statusCode, message, error, timestamp, path}.
import { STATUS_CODES } from 'node:http';
import { SANDBOX_IDS } from '../ids';
import type { Reply } from '../http';
import type { ErrorSpec, SandboxApi } from './types';

const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Workspace not found',
  429: 'ThrottlerException: Too Many Requests',
  500: 'Internal server error',
  503: 'Service Unavailable',
};

function poozleError({ status, message }: ErrorSpec, path: string, errors?: Record<string, string>): Reply {
  return {
    status,
    body: {
      statusCode: status,
      message: message ?? MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error',
      error: STATUS_CODES[status] ?? 'Error',
      ...(errors ? { errors } : {}),
      timestamp: new Date().toISOString(),
      path,
    },
  };
}

export const poozleApi: SandboxApi = {
  provider: 'poozle',
  prefix: '/poozle',
  route: /^\/v1\/link$/,
  successStatus: 201,
  error: poozleError,
  authError: (_problem, _code, path) => poozleError({ status: 401 }, path),
  invalidBody(errors, path) {
    const byField: Record<string, string> = {};
    for (const error of errors) {
      const field = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.slice(1) || 'body';
      byField[field] ??= error.message;
    }
    return poozleError({ status: 400, message: 'Validation failed' }, path, byField);
  },
  // Poozle documents only 400 and 401; an unknown workspace gets the same ApiException shape with 404.
  checkTargets: ({ body, path }) =>
    body.workspaceId === SANDBOX_IDS.poozle.workspaceId ? undefined : poozleError({ status: 404 }, path),
  async create({ body, random, now }) {
    const linkId = random.uuid();
    const at = now.toISOString();
    const link = {
      linkId,
      linkName: String(body.linkName),
      canExpire: true,
      preferOAuth: false,
      expiresIn: Number(body.expiresIn),
      category: body.category as string[],
      workspaceId: String(body.workspaceId),
      createdAt: at,
      updatedAt: at,
      IntegrationAccount: [],
    };
    // The body has no URL field: the link name is the closest thing to the page's identity.
    return { id: linkId, pageUrl: link.linkName, reply: { status: 201, body: link } };
  },
};
