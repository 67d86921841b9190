// Linkwarden: Bearer auth, the note as description, tags and collection by id, 200 success, 409 duplicate, every documented error.
import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../../lib/destination-checks';
import type { FetchLike } from '../../../lib/http';
import { linkwarden } from '../../../lib/providers/linkwarden';
import { captureFor, destinations, HTML_PAGE, jsonAnswer, linkwardenLink, makeCapture } from '../../contracts/fixtures';

const destination = destinations.linkwarden;

function build(capture = makeCapture(), d = destination) {
  const result = linkwarden.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('linkwarden.buildRequest', () => {
  it('POSTs to /api/v1/links with the token as Bearer', () => {
    const request = build();
    expect(request.url).toBe('https://links.example.net/api/v1/links');
    expect(request.headers.authorization).toBe(`Bearer ${destination.apiKey}`);
  });

  it('sends the title as name, the note as description, tags by name and the collection by id', () => {
    expect(build(makeCapture({ note: 'read later', tags: ['research', 'to-read'] }), { ...destination, collectionId: 3 }).body).toEqual({
      url: 'https://example.com/article',
      name: 'An article',
      description: 'read later',
      collection: { id: 3 },
      tags: [{ name: 'research' }, { name: 'to-read' }],
    });
  });

  it('without a collection id sends no collection (Linkwarden files it under Unorganized), and omits blanks', () => {
    expect(build(makeCapture({ page: { title: ' ' }, note: '' })).body).toEqual({ url: 'https://example.com/article' });
  });

  it.each([
    ['url', { page: { url: `https://example.com/${'p'.repeat(2048)}` } }, 2048],
    // The capture's own cap (2000) is below Linkwarden's 2048, so it is the one named.
    ['title', { page: { title: 't'.repeat(2049) } }, 2000],
    ['note', { note: 'n'.repeat(2049) }, 2048],
    ['tags', { tags: ['t'.repeat(51)] }, 50],
  ] as const)('refuses a %s over its limit at that field, before queueing', (field, capture, max) => {
    expect(captureFor(destination, capture)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'field-too-long', field, details: expect.objectContaining({ max }) }),
    });
  });
});

describe('linkwarden.classify', () => {
  it('200 {response: Link} → synced with the link id', () => {
    expect(linkwarden.classify(jsonAnswer(200, linkwardenLink()))).toEqual({ kind: 'synced', result: { id: '117' } });
  });

  it('409 "Link already exists" (Prevent duplicate links is on) → synced, saying nothing changed', () => {
    expect(linkwarden.classify(jsonAnswer(409, { response: 'Link already exists' }))).toEqual({ kind: 'synced', result: { existing: 'unchanged' } });
  });

  it.each([
    [400, 'Error: Invalid URL [url]', 'failed', 'bad-request', 'url'],
    [400, 'Error: Too big: expected string to have <=50 characters [tags, 0, name]', 'failed', 'bad-request', 'tags'],
    [400, 'Error: Invalid input: expected string, received null [name]', 'failed', 'bad-request', 'title'],
    [400, 'Collection is not accessible.', 'paused', 'not-found', undefined],
    [400, 'Your subscription has reached the maximum number of links allowed.', 'paused', 'plan-limit', undefined],
    [400, 'This action is disabled because this is a read-only demo of Linkwarden.', 'paused', 'forbidden', undefined],
    [401, 'You must be logged in.', 'paused', 'auth-invalid', undefined],
    [401, 'Your session has expired, please log in again.', 'paused', 'auth-expired', undefined],
    [401, 'Email not verified, please verify your email to continue using Linkwarden.', 'paused', 'auth-invalid', undefined],
    [404, 'User not found.', 'paused', 'auth-invalid', undefined],
  ] as const)('%i %s → %s %s', (status, message, kind, code, field) => {
    const outcome = linkwarden.classify(jsonAnswer(status, { response: message }));
    expect(outcome).toMatchObject({ kind, error: { code, status, serverMessage: message } });
    if (outcome.kind !== 'synced') expect(outcome.error.field).toBe(field);
  });

  it.each([
    [{ status: 400, headers: { 'content-type': 'text/plain' }, bodyText: 'Invalid JSON' }, 'failed', 'bad-request'],
    [{ status: 413, headers: { 'content-type': 'text/plain' }, bodyText: 'Body exceeded 1mb limit' }, 'failed', 'unexpected-status'],
    [{ status: 500, headers: { 'content-type': 'text/plain' }, bodyText: 'Internal Server Error', }, 'retry', 'server-error'],
    [{ ...HTML_PAGE, status: 404 }, 'paused', 'api-not-found'],
  ] as const)('Next.js’ own answer %j → %s %s', (answer, kind, code) => {
    expect(linkwarden.classify(answer)).toMatchObject({ kind, error: { code, status: answer.status } });
  });

  it('a 503 honours Retry-After', () => {
    expect(linkwarden.classify({ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '9' }, bodyText: 'Service Unavailable' })).toMatchObject({
      kind: 'retry',
      error: { code: 'service-unavailable' },
      retryAfterMs: 9000,
    });
  });

  it('a 2xx HTML page is retried, then pauses; a redirect pauses', () => {
    expect(linkwarden.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
    expect(linkwarden.classify({ status: 0, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a 200 that breaks the schema is delivered with a warning and the id it still has', () => {
    expect(linkwarden.classify(jsonAnswer(200, { response: { id: 5 } }))).toEqual({ kind: 'synced', result: { id: '5' }, warning: expect.objectContaining({ code: 'malformed-response' }) });
  });
});

describe('linkwarden Check connection', () => {
  const deps = (status: number, body: unknown, seen: { url: string; init: RequestInit }[] = []) => ({
    hasPermission: () => Promise.resolve(true),
    timeoutMs: 1000,
    fetch: ((url, init) => {
      seen.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    }) as FetchLike,
  });

  it('GETs /api/v1/users/me with the token', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    expect(await checkConnection(destination, deps(200, { response: { id: 1 } }, seen))).toEqual({ ok: true, status: 200 });
    expect(seen.map((s) => [s.url, s.init.method, (s.init.headers as Record<string, string>).authorization])).toEqual([
      ['https://links.example.net/api/v1/users/me', 'GET', `Bearer ${destination.apiKey}`],
    ]);
  });

  it('a 401 there says the key is wrong', async () => {
    expect(await checkConnection(destination, deps(401, { response: 'You must be logged in.' }))).toMatchObject({ ok: false, stage: 'answer', error: { code: 'auth-invalid' } });
  });
});
