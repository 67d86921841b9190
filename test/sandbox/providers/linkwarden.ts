// Linkwarden: POST /api/v1/links → 200 {response: Link}, a duplicate URL is another link; errors {response}, Next.js' own plain text.
import type { Reply } from '../http';
import { SANDBOX_IDS } from '../ids';
import type { BodyError } from '../records';
import type { ErrorSpec, SandboxApi } from './types';

export const LINKWARDEN_VERSION = 'v2.16.1';

const MESSAGES: Record<number, string> = {
  400: 'Error: Invalid URL [url]',
  401: 'You must be logged in.',
  403: 'Forbidden.',
  404: 'User not found.',
  409: 'Link already exists',
};

/** Next.js answers these itself, in plain text. */
const NEXT_TEXTS: Record<number, string> = { 405: 'Method Not Allowed', 413: 'Body exceeded 1mb limit', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function linkwardenError({ status, message }: ErrorSpec): Reply {
  const text = NEXT_TEXTS[status];
  if (text !== undefined && message === undefined) return { status, contentType: 'text/plain; charset=utf-8', body: text };
  return { status, body: { response: message ?? MESSAGES[status] ?? 'Something went wrong.' } };
}

/** zod's first issue, as postLink reports it: "Error: <message> [<path>]". */
function describeViolation(errors: readonly BodyError[]): Reply {
  const first = errors[0];
  if (!first || first.keyword === 'json') return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'Invalid JSON' };
  const path = first.instancePath.split('/').filter(Boolean);
  const field = first.keyword === 'required' ? [String(first.params.missingProperty)] : path;
  const message =
    first.keyword === 'maxLength'
      ? `Too big: expected string to have <=${String(first.params.limit)} characters`
      : (field[0] === 'url' && ['format', 'pattern'].includes(first.keyword)) || first.keyword === 'required'
        ? 'Invalid URL'
        : `Invalid input: ${first.message}`;
  return linkwardenError({ status: 400, message: `Error: ${message} [${field.join(', ')}]` });
}

type Collection = { id: number; name: string; ownerId: number; parentId: number | null; isPublic: boolean };
/** A sub-collection, so a picker shows where it sits ("Reading / Papers"). */
export const LINKWARDEN_SUB_COLLECTION = { id: 7, name: 'Papers' } as const;
const collections = (): Record<number, Collection> => ({
  [SANDBOX_IDS.linkwarden.unorganizedId]: { id: SANDBOX_IDS.linkwarden.unorganizedId, name: 'Unorganized', ownerId: 1, parentId: null, isPublic: false },
  [SANDBOX_IDS.linkwarden.collectionId]: { id: SANDBOX_IDS.linkwarden.collectionId, name: 'Reading', ownerId: 1, parentId: null, isPublic: false },
  [LINKWARDEN_SUB_COLLECTION.id]: { ...LINKWARDEN_SUB_COLLECTION, ownerId: 1, parentId: SANDBOX_IDS.linkwarden.collectionId, isPublic: false },
});

export const linkwardenApi: SandboxApi = {
  provider: 'linkwarden',
  prefix: '/linkwarden',
  route: /^\/api\/v1\/links$/,
  successStatus: 200,
  error: linkwardenError,
  authError: () => linkwardenError({ status: 401 }),
  invalidBody: describeViolation,
  checkTargets({ body }) {
    const id = (body.collection as { id?: number } | undefined)?.id;
    return id === undefined || id in collections() ? undefined : linkwardenError({ status: 400, message: 'Collection is not accessible.' });
  },
  async create({ body, stored, now }) {
    // Another link with the same URL, as Linkwarden does unless the user turned on "Prevent duplicate links".
    const id = 100 + stored.size + 1;
    const collection = collections()[(body.collection as { id?: number } | undefined)?.id ?? SANDBOX_IDS.linkwarden.unorganizedId]!;
    const at = now.toISOString();
    const tags = ((body.tags as { name: string }[] | undefined) ?? []).map((tag, index) => ({ id: index + 1, name: tag.name.trim(), ownerId: 1 }));
    const link = {
      id,
      name: typeof body.name === 'string' ? body.name : String(body.url),
      type: 'url',
      description: typeof body.description === 'string' ? body.description : '',
      createdById: 1,
      collectionId: collection.id,
      url: String(body.url),
      icon: null,
      iconWeight: null,
      color: null,
      textContent: null,
      preview: null,
      image: null,
      pdf: null,
      readable: null,
      monolith: null,
      clientSide: false,
      aiTagged: false,
      metaDescription: null,
      indexVersion: null,
      lastPreserved: null,
      importDate: null,
      createdAt: at,
      updatedAt: at,
      tags,
      collection,
    };
    stored.set(String(id), link);
    return { id: String(id), pageUrl: String(body.url), reply: { status: 200, body: { response: link } } };
  },
  other({ method, rest, auth }) {
    if (method !== 'GET') return undefined;
    if (rest === '/api/v1/config') return { status: 200, body: { response: { INSTANCE_VERSION: LINKWARDEN_VERSION } } };
    if (rest === '/api/v1/collections') {
      // The read endpoint a collection picker uses: the caller's collections, with the token like every API call.
      if (!auth.ok) return linkwardenError({ status: 401 });
      return { status: 200, body: { response: Object.values(collections()).map((c) => ({ ...c, description: '', color: '#0ea5e9' })) } };
    }
    if (rest !== '/api/v1/users/me') return undefined;
    if (!auth.ok) return linkwardenError({ status: 401 });
    return { status: 200, body: { response: { id: 1, username: 'sandbox', name: 'Sandbox', email: 'sandbox@example.org', preventDuplicateLinks: false } } };
  },
};
