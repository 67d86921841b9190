// wallabag: POST /api/entries.json with a Bearer access token → 200 entry (an existing URL: the same entry, tags added);
// POST /oauth/v2/token (password, refresh_token); GET /api/user.json and /api/info.json. Errors: OAuth2 {error, error_description}, FOSRest {code, message}.
import { SANDBOX_IDS } from '../ids';
import type { Reply } from '../http';
import { entryJson } from '../wallabag-server';
import type { ErrorSpec, SandboxApi } from './types';

const AUTH_DESCRIPTIONS = {
  missing: ['access_denied', 'OAuth2 authentication required'],
  invalid: ['invalid_grant', 'The access token provided is invalid.'],
  expired: ['invalid_grant', 'The access token provided has expired.'],
} as const;

function restError({ status, message }: ErrorSpec): Reply {
  return { status, body: { code: status, message: message ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request') } };
}

function authError(code: keyof typeof AUTH_DESCRIPTIONS): Reply {
  const [error, description] = AUTH_DESCRIPTIONS[code];
  return {
    status: 401,
    headers: { 'www-authenticate': `Bearer realm="Service", error="${error}", error_description="${description}"` },
    body: { error, error_description: description },
  };
}

/** The token endpoint reads a JSON or a form body alike. */
function bodyParams(text: string): Record<string, string> {
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)]));
  } catch {
    // not JSON: a form body
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export const wallabagApi: SandboxApi = {
  provider: 'wallabag',
  prefix: '/wallabag',
  route: /^\/api\/entries\.json$/,
  successStatus: 200,
  error: restError,
  authorize: (state, headers) => state.wallabag.checkBearer(headers.authorization, Date.now()),
  authError: (_problem, code) => authError(code === 'expired' || code === 'invalid' ? code : 'missing'),
  invalidBody: (errors) =>
    errors[0]?.keyword === 'json' ? restError({ status: 400, message: 'Invalid json message received' }) : restError({ status: 400, message: `${errors[0]?.instancePath || 'body'} ${errors[0]?.message ?? ''}\n` }),
  checkTargets: () => undefined,
  async create({ body, state, now }) {
    const tags = typeof body.tags === 'string' ? body.tags.split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean) : [];
    const { entry, existing } = state.wallabag.save(String(body.url), typeof body.title === 'string' ? body.title : undefined, tags, now);
    return { id: String(entry.id), pageUrl: entry.url, existing, reply: { status: 200, body: entryJson(entry) } };
  },
  async serve({ state, method, rest, bodyText, headers }) {
    if (method === 'POST' && rest === '/oauth/v2/token') return state.wallabag.token(bodyParams(bodyText), Date.now());
    if (method === 'GET' && rest === '/api/info.json') return { status: 200, body: { appname: 'wallabag', version: '2.7.0-dev', allowed_registration: false } };
    if (method === 'GET' && rest === '/api/user.json') {
      const auth = state.wallabag.checkBearer(headers.authorization, Date.now());
      if (!auth.ok) return authError(auth.code);
      const at = '2026-01-01T00:00:00+0000';
      return { status: 200, body: { id: 1, username: SANDBOX_IDS.wallabag.username, email: 'alice@example.org', name: 'Alice', created_at: at, updated_at: at } };
    }
    return undefined;
  },
};
