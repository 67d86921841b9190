// ShortPen: POST /v1/generate → 200 {success, status_code, message, data: {link, short_url, qr, created}}.
import QRCode from 'qrcode';
import { SANDBOX_IDS } from '../ids';
import type { BodyError } from '../records';
import type { ErrorSpec, SandboxApi } from './types';

const MESSAGES: Record<number, string> = {
  400: 'The given data was invalid.',
  401: 'Unauthenticated.',
  404: 'Not found.',
  // ShortPen's 429 is a monthly quota, not a short rate limit.
  429: 'You have reached the monthly link limit of your plan. Upgrade your plan to create more links.',
  500: 'There was an error while processing your request.',
  503: 'Service unavailable. Please try again later.',
};

function shortpenError({ status, message }: ErrorSpec, fieldErrors?: Record<string, string[]>) {
  return {
    status,
    body: {
      success: false,
      status_code: status,
      message: message ?? MESSAGES[status] ?? 'There was an error while processing your request.',
      data: fieldErrors ? { errors: fieldErrors } : null,
    },
  };
}

function fieldError(field: string, message: string) {
  return shortpenError({ status: 400, message }, { [field]: [message] });
}

function fieldOf(error: BodyError): string {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  return error.instancePath.split('/')[1] || 'body';
}

/** The destination with the `param` query values appended (empty values stripped, as documented). */
function targetUrl(url: string, param: unknown): string {
  const target = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`);
  if (param && typeof param === 'object') {
    for (const [name, value] of Object.entries(param as Record<string, string>)) {
      if (value !== '') target.searchParams.set(name, value);
    }
  }
  return target.href;
}

export const shortpenApi: SandboxApi = {
  provider: 'shortpen',
  prefix: '/shortpen',
  route: /^\/v1\/generate$/,
  successStatus: 200,
  error: (spec) => shortpenError(spec),
  authError: () => shortpenError({ status: 401 }),
  invalidBody(errors) {
    const fieldErrors: Record<string, string[]> = {};
    for (const error of errors) {
      const field = fieldOf(error);
      fieldErrors[field] = [...(fieldErrors[field] ?? []), `The ${field.replace(/_/g, ' ')} field ${error.message}.`];
    }
    const first = Object.values(fieldErrors)[0]?.[0];
    return shortpenError({ status: 400, ...(first ? { message: first } : {}) }, fieldErrors);
  },
  checkTargets({ body }) {
    const ids = SANDBOX_IDS.shortpen;
    if (body.domain_id !== ids.domainId) return fieldError('domain_id', 'The selected domain id is invalid.');
    if (body.workspace_id !== undefined && body.workspace_id !== ids.workspaceId) return fieldError('workspace_id', 'The selected workspace id is invalid.');
    return undefined;
  },
  async create({ body, origin, random }) {
    const slug = typeof body.custom_slug === 'string' && body.custom_slug !== '' ? body.custom_slug : random.token(7);
    const link = `${origin}/s/${encodeURIComponent(slug)}`;
    const qr = body.generate_qr === true ? (await QRCode.toDataURL(link)).replace(/^data:image\/png;base64,/, '') : null;
    return {
      id: slug,
      pageUrl: String(body.url),
      target: targetUrl(String(body.url), body.param),
      reply: { status: 200, body: { success: true, status_code: 200, message: '', data: { link, short_url: link, qr, created: true } } },
    };
  },
  successFalse: () => ({
    status: 200,
    body: { success: false, status_code: 200, message: 'The link could not be generated. Please try again.', data: null },
  }),
};
