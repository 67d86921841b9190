// Karakeep: POST /api/v1/bookmarks → 201 bookmark, or 200 with alreadyExists for the exact same URL; errors plain text, 400 zod JSON.
import type { Reply } from '../http';
import type { BodyError } from '../records';
import type { ErrorSpec, SandboxApi } from './types';

export const KARAKEEP_VERSION = '0.33.2';
export const KARAKEEP_RATE_LIMIT_SECONDS = 42;

const TEXTS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'API key is missing required scope: bookmarks:readwrite',
  404: '404 Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: `Rate limit exceeded. Try again in ${KARAKEEP_RATE_LIMIT_SECONDS} seconds.`,
  500: 'Internal server error',
  503: 'Service Unavailable',
};

const text = (status: number, body: string): Reply => ({ status, contentType: 'text/plain;charset=UTF-8', body });

/** zod-validator's 400: `message` is the JSON text of the issues. */
function zodError(issues: { code: string; path: (string | number)[]; message: string }[]): Reply {
  return { status: 400, body: { success: false, error: { name: 'ZodError', message: JSON.stringify(issues, null, 2) } } };
}

function karakeepError({ status, message }: ErrorSpec): Reply {
  if (status === 400) return zodError([{ code: 'custom', path: ['url'], message: message ?? 'Invalid URL' }]);
  return text(status, message ?? TEXTS[status] ?? 'Error');
}

/** zod's wording for each ajv complaint, with the path as zod gives it. */
function describeViolations(errors: readonly BodyError[]): Reply {
  if (errors[0]?.keyword === 'json') return text(400, 'Malformed JSON in request body');
  return zodError(
    errors.map((error) => {
      const path = error.instancePath.split('/').filter(Boolean);
      if (error.keyword === 'pattern' && path[0] === 'url') return { code: 'custom', path, message: 'Only http and https URLs are allowed' };
      if (error.keyword === 'format' && path[0] === 'url') return { code: 'invalid_format', path, message: 'Invalid URL' };
      if (error.keyword === 'maxLength') return { code: 'too_big', path, message: `Too big: expected string to have <=${String(error.params.limit)} characters` };
      if (error.keyword === 'required') return { code: 'invalid_type', path: [String(error.params.missingProperty)], message: 'Invalid input' };
      return { code: 'invalid_type', path, message: error.message };
    }),
  );
}

type Bookmark = Record<string, unknown> & { id: string };

function bookmarkOf(id: string, body: Record<string, unknown>, now: string): Bookmark {
  return {
    id,
    firstCreatedAt: now,
    createdAt: now,
    modifiedAt: now,
    title: typeof body.title === 'string' ? body.title : null,
    archived: body.archived === true,
    favourited: body.favourited === true,
    taggingStatus: 'pending',
    summarizationStatus: 'pending',
    embeddingStatus: 'pending',
    note: typeof body.note === 'string' ? body.note : null,
    summary: null,
    source: typeof body.source === 'string' ? body.source : 'api',
    userId: 'u_sandbox_karakeep_user_01',
    tags: [],
    content: { type: 'link', url: String(body.url), title: null, description: null, imageUrl: null, favicon: null, crawledAt: null, crawlStatus: 'pending' },
    assets: [],
  };
}

/** A re-save (any source but rss/import): moved to the top, un-archived unless asked, title/note only if sent. */
function resave(previous: Bookmark, body: Record<string, unknown>, now: string): Bookmark {
  if (body.source === 'rss' || body.source === 'import') return previous;
  const next: Bookmark = { ...previous, createdAt: now, modifiedAt: now, archived: body.archived === true };
  for (const key of ['title', 'favourited', 'note', 'summary']) if (key in body) next[key] = body[key];
  return next;
}

export const karakeepApi: SandboxApi = {
  provider: 'karakeep',
  prefix: '/karakeep',
  route: /^\/api\/v1\/bookmarks$/,
  successStatus: 201,
  error: karakeepError,
  // A wrong key is not named as such: Karakeep falls back to cookie auth and answers a bare 401.
  authError: () => text(401, TEXTS[401]!),
  invalidBody: describeViolations,
  checkTargets: () => undefined,
  async create({ body, stored, random, now }) {
    // Exact string match: no normalisation (a trailing slash or case makes another bookmark).
    const url = String(body.url);
    const previous = stored.get(url) as Bookmark | undefined;
    const at = now.toISOString();
    if (previous) {
      const kept = resave(previous, body, at);
      stored.set(url, kept);
      return { id: kept.id, pageUrl: url, reply: { status: 200, body: { ...kept, alreadyExists: true } } };
    }
    const bookmark = bookmarkOf(random.token(24).toLowerCase(), body, at);
    stored.set(url, bookmark);
    return { id: bookmark.id, pageUrl: url, reply: { status: 201, body: { ...bookmark, alreadyExists: false } } };
  },
  other({ method, rest, query, auth, stored }) {
    if (method !== 'GET') return undefined;
    // Unauthenticated, for telling the address apart from a wrong one.
    if (rest === '/api/version') return { status: 200, body: { version: KARAKEEP_VERSION } };
    if (rest === '/api/health') return { status: 200, body: { status: 'ok', message: 'Web app is working' } };
    if (rest !== '/api/v1/bookmarks' && rest !== '/api/v1/users/me') return undefined;
    if (!auth.ok) return text(401, TEXTS[401]!);
    if (rest === '/api/v1/users/me') return { status: 200, body: { id: 'u_sandbox_karakeep_user_01', name: 'Sandbox', email: 'sandbox@example.org', image: null, localUser: true } };
    const limit = Number(query.get('limit') ?? 20) || 20;
    return { status: 200, body: { bookmarks: [...stored.values()].slice(0, limit), nextCursor: null } };
  },
};
