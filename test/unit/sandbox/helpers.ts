// Shared fixtures for the sandbox tests: one valid create request per provider, and small HTTP helpers.
import type { ProviderId } from '../../../lib/providers/types';
import { SANDBOX_IDS, SANDBOX_KEYS, SANDBOX_PROVIDERS, sandboxBaseUrls } from '../../sandbox/server';

/** wallabag's Bearer comes from its token endpoint, not a fixed key: test/unit/sandbox/wallabag.test.ts covers it. */
export const PROVIDERS = SANDBOX_PROVIDERS.filter((provider) => provider !== 'wallabag');

export interface CreateRequest {
  url: string;
  body: Record<string, unknown>;
}

/** A request each API accepts, for the page `pageUrl`. */
export function validRequest(sandboxUrl: string, provider: ProviderId, pageUrl = 'https://example.com/article?id=1'): CreateRequest {
  const base = sandboxBaseUrls(sandboxUrl);
  switch (provider) {
    case 'sharely':
      return {
        url: `${base.sharely}/v1/workspaces/${SANDBOX_IDS.sharely.workspaceId}/knowledge/link`,
        body: { type: 'LINK', url: pageUrl, title: 'Example article', metadata: { note: 'read later', tags: ['a', 'b'] } },
      };
    case 'shortpen':
      return { url: `${base.shortpen}/v1/generate`, body: { url: pageUrl, domain_id: SANDBOX_IDS.shortpen.domainId, title: 'Example article' } };
    case 'userplane':
      return {
        url: `${base.userplane}/public/workspace/${SANDBOX_IDS.userplane.workspaceId}/links`,
        body: { domainId: SANDBOX_IDS.userplane.domainId, linkReusable: false, linkReference: pageUrl, linkMeta: { title: 'Example article' } },
      };
    case 'poozle':
      // Poozle's body has no URL: the sandbox tells captures apart by link name.
      return {
        url: `${base.poozle}/v1/link`,
        body: { category: ['TICKETING'], expiresIn: 604800, linkName: `Example article ${pageUrl}`, workspaceId: SANDBOX_IDS.poozle.workspaceId },
      };
    case 'link-action':
      return {
        url: `${base['link-action']}/links/${SANDBOX_IDS['link-action'].linkId}/actions`,
        body: {
          name: 'Example article',
          specification_id: SANDBOX_IDS['link-action'].specificationId,
          parameters: { url: pageUrl, title: 'Example article' },
          messages: [{ level: 'info', message: 'Saved from Keeplink' }],
          status: 'pending',
        },
      };
    // self-hosted bookmark services
    case 'linkding':
      return { url: `${base.linkding}/api/bookmarks/`, body: { url: pageUrl, title: 'Example article', notes: 'read later', tag_names: ['a', 'b'] } };
    case 'karakeep':
      return { url: `${base.karakeep}/api/v1/bookmarks`, body: { type: 'link', url: pageUrl, title: 'Example article', note: 'read later', source: 'extension' } };
    case 'linkwarden':
      return {
        url: `${base.linkwarden}/api/v1/links`,
        body: { url: pageUrl, name: 'Example article', description: 'read later', collection: { id: SANDBOX_IDS.linkwarden.collectionId }, tags: [{ name: 'a' }] },
      };
    case 'wallabag':
      return { url: `${base.wallabag}/api/entries.json`, body: { url: pageUrl, title: 'Example article', tags: 'a,b' } };
    case 'webhook':
      return {
        url: base.webhook,
        body: { url: pageUrl, title: 'Example article', note: null, tags: ['a'], selection: null, capturedAt: '2026-01-01T00:00:00.000Z', source: 'popup' },
      };
  }
}

export function bearer(provider: ProviderId): Record<string, string> {
  if (provider === 'webhook') return { [SANDBOX_IDS.webhook.secretHeader]: SANDBOX_KEYS.webhook };
  return { authorization: `Bearer ${SANDBOX_KEYS[provider]}` };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** Sends the provider's valid request with its valid key. */
export async function create(sandboxUrl: string, provider: ProviderId, headers: Record<string, string> = {}, pageUrl?: string): Promise<Response> {
  const request = validRequest(sandboxUrl, provider, pageUrl);
  return postJson(request.url, request.body, { ...bearer(provider), ...headers });
}

export async function control<T = unknown>(sandboxUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls the in-process sandbox until a condition holds. No time budget of its own: on a loaded machine a
 * condition may take long, so only a generous attempt cap (minutes, far past any real wait) stops a hang. */
const MAX_ATTEMPTS = 6_000;

export async function until<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const value = await probe();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never met');
}
