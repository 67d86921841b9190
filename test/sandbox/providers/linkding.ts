// linkding: POST /api/bookmarks/ → 201 bookmark, updating the one with the same URL; errors keyed by field, or {detail}.
import type { Reply } from '../http';
import type { BodyError } from '../records';
import type { ErrorSpec, SandboxApi } from './types';

export const LINKDING_VERSION = '1.46.2';

const DETAILS: Record<number, string> = {
  401: 'Invalid token.',
  403: 'You do not have permission to perform this action.',
  404: 'Not found.',
  405: 'Method not allowed.',
  413: 'Request Entity Too Large',
  415: 'Unsupported media type "text/plain" in request.',
  429: 'Request was throttled.',
};

/** Django's own error page: linkding's 500 (and a proxy's 502/503) is HTML, not JSON. */
const ERROR_PAGE = '<!doctype html><html lang="en"><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>';

const unauthorized = { 'www-authenticate': 'Token' };

function linkdingError({ status, message }: ErrorSpec): Reply {
  if (status >= 500) return { status, contentType: 'text/html; charset=utf-8', body: ERROR_PAGE };
  // A 400 without a field of its own is blamed on the URL, as linkding's most common one is.
  if (status === 400) return { status, body: { url: [message ?? 'Enter a valid URL.'] } };
  return { status, ...(status === 401 ? { headers: unauthorized } : {}), body: { detail: message ?? DETAILS[status] ?? 'Request failed.' } };
}

/** DRF's wording for each ajv complaint. */
function fieldMessage(error: BodyError): string {
  if (error.keyword === 'required') return 'This field is required.';
  if (error.keyword === 'format' && error.instancePath === '/url') return 'Enter a valid URL.';
  if (error.keyword === 'maxLength') return `Ensure this field has no more than ${String(error.params.limit)} characters.`;
  if (error.keyword === 'minLength') return 'This field may not be blank.';
  if (error.keyword === 'additionalProperties') return 'Unknown field.';
  return error.message;
}

/** One object keyed by field name, each value a list of messages; tag_names items keyed by index. */
function describeViolations(errors: readonly BodyError[]): Reply {
  if (errors[0]?.keyword === 'json') return { status: 400, body: { detail: `JSON parse error - ${errors[0].message}` } };
  const body: Record<string, unknown> = {};
  for (const error of errors) {
    const [field = 'non_field_errors', index] = error.instancePath.split('/').filter(Boolean);
    const name = String(error.params.missingProperty ?? error.params.additionalProperty ?? field);
    if (index !== undefined) {
      const items = (body[name] ??= {}) as Record<string, string[]>;
      (items[index] ??= []).push(fieldMessage(error));
    } else ((body[name] ??= []) as string[]).push(fieldMessage(error));
  }
  return { status: 400, body };
}

/** linkding's duplicate key: scheme and host lowercased, trailing slashes off the path, query sorted, fragment kept. */
export function normalizeLinkdingUrl(value: string): string {
  const url = new URL(value);
  const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = query.length ? `?${new URLSearchParams(query).toString()}` : '';
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${search}${url.hash}`;
}

/** Trimmed, inner spaces as "-", commas split, duplicates dropped case-insensitively, sorted. */
function tagNames(value: unknown): string[] {
  const names = (Array.isArray(value) ? (value as string[]) : []).flatMap((name) => name.split(',')).map((name) => name.trim().replace(/\s+/g, '-'));
  const unique = new Map(names.filter(Boolean).map((name) => [name.toLowerCase(), name]));
  return [...unique.values()].sort((a, b) => a.localeCompare(b));
}

/** DRF renders datetimes with microseconds. */
const drfDate = (date: Date) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

type Bookmark = Record<string, unknown> & { id: number; url: string };

function list(stored: Map<string, unknown>, limit: number): Reply {
  const results = [...stored.values()].slice(0, limit);
  return { status: 200, body: { count: stored.size, next: null, previous: null, results } };
}

export const linkdingApi: SandboxApi = {
  provider: 'linkding',
  prefix: '/linkding',
  route: /^\/api\/bookmarks\/$/,
  successStatus: 201,
  authSchemes: ['Token', 'Bearer'],
  error: linkdingError,
  authError: (problem) =>
    linkdingError({ status: 401, message: problem === 'missing' ? 'Authentication credentials were not provided.' : 'Invalid token.' }),
  invalidBody: describeViolations,
  checkTargets: () => undefined,
  async create({ body, stored, now }) {
    const key = normalizeLinkdingUrl(String(body.url));
    const previous = stored.get(key) as Bookmark | undefined;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    // A duplicate keeps its id, url, date_added and archive flag; everything else is the request's (omitted = default).
    const bookmark: Bookmark = {
      id: previous?.id ?? stored.size + 1,
      url: previous?.url ?? String(body.url),
      title: text('title'),
      description: text('description'),
      notes: text('notes'),
      web_archive_snapshot_url: `https://web.archive.org/web/${now.toISOString().replace(/\D/g, '').slice(0, 14)}/${String(body.url)}`,
      favicon_url: null,
      preview_image_url: null,
      is_archived: previous ? previous.is_archived : body.is_archived === true,
      unread: body.unread === true,
      shared: body.shared === true,
      tag_names: tagNames(body.tag_names),
      date_added: previous?.date_added ?? drfDate(typeof body.date_added === 'string' ? new Date(body.date_added) : now),
      date_modified: drfDate(now),
      website_title: null,
      website_description: null,
    };
    stored.set(key, bookmark);
    return { id: String(bookmark.id), pageUrl: String(body.url), reply: { status: 201, body: bookmark } };
  },
  other({ method, rest, query, auth, origin, stored }) {
    // Without the trailing slash Django redirects to it; a client that follows as GET creates nothing.
    if (rest === '/api/bookmarks') return { status: 301, headers: { location: `${origin}/linkding/api/bookmarks/` }, body: '', contentType: 'text/html; charset=utf-8' };
    const read = method === 'GET' && (rest === '/api/bookmarks/' || rest === '/api/user/profile/');
    if (!read) return undefined;
    if (!auth.ok) return linkdingApi.authError(auth.problem, undefined, rest);
    if (rest === '/api/user/profile/') return { status: 200, body: { theme: 'auto', bookmark_date_display: 'relative', version: LINKDING_VERSION } };
    return list(stored, Number(query.get('limit') ?? 100) || 100);
  },
};
