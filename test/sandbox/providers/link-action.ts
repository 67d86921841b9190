// Link action: POST /links/{linkId}/actions → 201 instance, errors {statusCode, code, error, message}.
import { STATUS_CODES } from 'node:http';
import { SANDBOX_IDS } from '../ids';
import type { Reply } from '../http';
import type { ErrorSpec, SandboxApi } from './types';

const DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'The request body is not valid' },
  401: { code: 'UNAUTHORIZED', message: 'Missing or invalid API key' },
  403: { code: 'FORBIDDEN', message: 'Not allowed' },
  404: { code: 'NOT_FOUND', message: 'Not found' },
  429: { code: 'RATE_LIMITED', message: 'Rate limit exceeded' },
  500: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' },
};

function linkActionError({ status, code, message }: ErrorSpec): Reply {
  const fallback = DEFAULTS[status];
  return {
    status,
    body: {
      statusCode: status,
      code: code ?? fallback?.code ?? 'ERROR',
      error: STATUS_CODES[status] ?? 'Error',
      message: message ?? fallback?.message ?? 'Request failed',
    },
  };
}

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export const linkActionApi: SandboxApi = {
  provider: 'link-action',
  prefix: '/link-action',
  route: /^\/links\/(?<linkId>[^/]+)\/actions$/,
  successStatus: 201,
  error: linkActionError,
  authError: (_problem, code) => linkActionError({ status: 401, ...(code === undefined ? {} : { code }) }),
  invalidBody: (errors) =>
    linkActionError({ status: 400, message: errors.map((error) => `${error.instancePath || 'body'} ${error.message}`).join('; ') }),
  checkTargets({ params, body }) {
    const ids = SANDBOX_IDS['link-action'];
    if (params.linkId !== ids.linkId) return linkActionError({ status: 404, code: 'LINK_NOT_FOUND', message: 'Link not found' });
    if (body.specification_id !== ids.specificationId) {
      return linkActionError({ status: 404, code: 'SPECIFICATION_NOT_FOUND', message: 'Specification not found' });
    }
    if (body.service_id !== undefined && body.service_id !== ids.serviceId) {
      return linkActionError({ status: 404, code: 'SERVICE_NOT_FOUND', message: 'Service not found' });
    }
    return undefined;
  },
  async create({ params, body, random, now }) {
    const id = random.uuid();
    const name = typeof body.name === 'string' ? body.name : 'action';
    const at = now.toISOString();
    const parameters = (body.parameters as Record<string, unknown> | undefined) ?? {};
    const instance = {
      id,
      name,
      slug: slugify(name) || `action-${id.slice(0, 8)}`,
      specification_id: String(body.specification_id),
      desired_specification_id: body.desired_specification_id ?? null,
      messages: (body.messages as unknown[] | undefined) ?? [],
      status: (body.status as string | undefined) ?? 'pending',
      parameters,
      results: (body.results as Record<string, unknown> | undefined) ?? {},
      ...(typeof body.service_id === 'string' ? { service_id: body.service_id } : {}),
      link_id: params.linkId,
      created_at: at,
      updated_at: at,
    };
    return { id, pageUrl: typeof parameters.url === 'string' ? parameters.url : name, reply: { status: 201, body: instance } };
  },
};
