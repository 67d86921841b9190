// linkding: Token auth, the trailing-slash path, the strict body, the duplicate-URL update, and every documented answer.
import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../../lib/destination-checks';
import type { FetchLike } from '../../../lib/http';
import { linkding } from '../../../lib/providers/linkding';
import { captureFor, destinations, HTML_PAGE, jsonAnswer, linkdingBookmark, makeCapture } from '../../contracts/fixtures';

const destination = destinations.linkding;

function build(capture = makeCapture(), d = destination) {
  const result = linkding.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('linkding.buildRequest', () => {
  it('POSTs to /api/bookmarks/ with the trailing slash, keeping a path prefix, and sends the key as Token', () => {
    const request = build();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://links.example.org/api/bookmarks/');
    expect(request.headers.authorization).toBe(`Token ${'a'.repeat(40)}`);
    expect(build(makeCapture(), { ...destination, baseUrl: 'https://example.org/linkding/' }).url).toBe('https://example.org/linkding/api/bookmarks/');
  });

  it('puts the note in notes, the tags in tag_names, the page description in description, and dates it at the capture', () => {
    const capture = makeCapture({ note: 'read later', tags: ['research', 'to-read'], page: { description: 'What it says' } });
    expect(build(capture, { ...destination, unread: true }).body).toEqual({
      url: 'https://example.com/article',
      title: 'An article',
      description: 'What it says',
      notes: 'read later',
      tag_names: ['research', 'to-read'],
      unread: true,
      date_added: '2023-11-14T22:13:20.000Z',
    });
  });

  it('omits blank optional values (linkding scrapes an empty title itself)', () => {
    expect(build(makeCapture({ page: { title: ' ' }, note: '' })).body).toEqual({
      url: 'https://example.com/article',
      unread: false,
      date_added: '2023-11-14T22:13:20.000Z',
    });
  });

  it.each([
    ['url', { page: { url: `https://example.com/${'p'.repeat(2048)}` } }, 2048],
    ['title', { page: { title: 't'.repeat(513) } }, 512],
    ['tags', { tags: ['ok', 't'.repeat(65)] }, 64],
  ] as const)('refuses a %s over its limit at that field, before queueing', (field, capture, max) => {
    expect(captureFor(destination, capture)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'field-too-long', field, details: expect.objectContaining({ max }) }),
    });
  });
});

describe('linkding.classify', () => {
  it('201 for a new bookmark (its date_added is the one sent) → synced with the bookmark id', () => {
    expect(linkding.classify(jsonAnswer(201, linkdingBookmark()), makeCapture())).toEqual({ kind: 'synced', result: { id: '42' } });
  });

  it('201 for a URL it already had (its own older date_added) → synced, saying it updated the existing bookmark', () => {
    const answer = jsonAnswer(201, linkdingBookmark({ id: 7, date_added: '2023-01-02T03:04:05.678901Z' }));
    expect(linkding.classify(answer, makeCapture())).toEqual({ kind: 'synced', result: { id: '7', existing: 'updated' } });
  });

  it.each([
    [400, { url: ['Enter a valid URL.'] }, 'failed', 'bad-request', 'url', 'url: Enter a valid URL.'],
    [400, { title: ['Ensure this field has no more than 512 characters.'] }, 'failed', 'bad-request', 'title', 'title: Ensure this field has no more than 512 characters.'],
    [400, { tag_names: { '0': ['This field may not be blank.'] } }, 'failed', 'bad-request', 'tags', 'tag_names: This field may not be blank.'],
    [400, { notes: ['This field may not be null.'] }, 'failed', 'bad-request', 'note', 'notes: This field may not be null.'],
    [400, { detail: 'JSON parse error - Expecting value' }, 'failed', 'bad-request', undefined, 'JSON parse error - Expecting value'],
    [401, { detail: 'Invalid token.' }, 'paused', 'auth-invalid', undefined, 'Invalid token.'],
    [401, { detail: 'Authentication credentials were not provided.' }, 'paused', 'auth-invalid', undefined, 'Authentication credentials were not provided.'],
    [403, { detail: 'You do not have permission to perform this action.' }, 'paused', 'forbidden', undefined, 'You do not have permission to perform this action.'],
    [404, { detail: 'Not found.' }, 'paused', 'api-not-found', undefined, 'Not found.'],
    [415, { detail: 'Unsupported media type "text/plain" in request.' }, 'failed', 'unexpected-status', undefined, 'Unsupported media type "text/plain" in request.'],
  ] as const)('%i %j → %s %s', (status, body, kind, code, field, serverMessage) => {
    const outcome = linkding.classify(jsonAnswer(status, body));
    expect(outcome).toMatchObject({ kind, error: { code, status, serverMessage } });
    if (outcome.kind !== 'synced') expect(outcome.error.field).toBe(field);
  });

  it('a 404 HTML page on the API path pauses as "not the API / wrong base path"', () => {
    const outcome = linkding.classify({ ...HTML_PAGE, status: 404 });
    expect(outcome).toMatchObject({ kind: 'paused', error: { code: 'api-not-found', status: 404 } });
  });

  it.each([
    [500, 'server-error'],
    [502, 'server-error'],
    [503, 'service-unavailable'],
    [429, 'rate-limited'],
  ] as const)('%i (an HTML page from Django or a proxy) → retry %s, honouring Retry-After', (status, code) => {
    const outcome = linkding.classify({ ...HTML_PAGE, status, headers: { ...HTML_PAGE.headers, 'retry-after': '12' } });
    expect(outcome).toMatchObject({ kind: 'retry', error: { code, status }, retryAfterMs: 12_000 });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(linkding.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 301])('a redirect (status %i, e.g. the path without its trailing slash) pauses', (status) => {
    expect(linkding.classify({ status, headers: { location: 'https://links.example.org/api/bookmarks/' }, bodyText: '' })).toMatchObject({
      kind: 'paused',
      error: { code: 'redirect' },
    });
  });

  it('a 201 that breaks the schema is delivered with a warning and the id it still has', () => {
    expect(linkding.classify(jsonAnswer(201, { id: 9 }))).toEqual({ kind: 'synced', result: { id: '9' }, warning: expect.objectContaining({ code: 'malformed-response' }) });
  });
});

describe('linkding Check connection', () => {
  const deps = (status: number, body: unknown, seen: { url?: string; init?: RequestInit }[] = []) => ({
    hasPermission: () => Promise.resolve(true),
    timeoutMs: 1000,
    fetch: ((url, init) => {
      seen.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    }) as FetchLike,
  });

  it('GETs the read-only bookmark list with the key, creating nothing', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    const report = await checkConnection(destination, deps(200, { count: 0, next: null, previous: null, results: [] }, seen));
    expect(report).toEqual({ ok: true, status: 200 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('https://links.example.org/api/bookmarks/?limit=1');
    expect(seen[0]?.init?.method).toBe('GET');
    expect((seen[0]?.init?.headers as Record<string, string>).authorization).toBe(`Token ${'a'.repeat(40)}`);
  });

  it.each([
    [401, { detail: 'Invalid token.' }, 'auth-invalid'],
    [404, { detail: 'Not found.' }, 'api-not-found'],
  ] as const)('%i there → the check fails with %s', async (status, body, code) => {
    expect(await checkConnection(destination, deps(status, body))).toMatchObject({ ok: false, stage: 'answer', error: { code, status } });
  });
});
