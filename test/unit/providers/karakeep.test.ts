// Karakeep: Bearer auth, the link body (no tags field), 201 vs 200 alreadyExists, plain-text errors, and the keyed check.
import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../../lib/destination-checks';
import type { FetchLike } from '../../../lib/http';
import { karakeep } from '../../../lib/providers/karakeep';
import type { HttpAnswer } from '../../../lib/providers/types';
import { captureFor, destinations, HTML_PAGE, jsonAnswer, karakeepBookmark, karakeepZodError, makeCapture } from '../../contracts/fixtures';

const destination = destinations.karakeep;

function build(capture = makeCapture(), d = destination) {
  const result = karakeep.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

const textAnswer = (status: number, bodyText: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
  bodyText,
});

describe('karakeep.buildRequest', () => {
  it('POSTs a link bookmark to /api/v1/bookmarks with the key as Bearer, keeping a path prefix', () => {
    const request = build();
    expect(request.url).toBe('https://karakeep.example.org/api/v1/bookmarks');
    expect(request.headers.authorization).toBe(`Bearer ${destination.apiKey}`);
    expect(build(makeCapture(), { ...destination, baseUrl: 'https://example.org/keep/' }).url).toBe('https://example.org/keep/api/v1/bookmarks');
  });

  it('sends the note as note and no tags (the create call has no tags field), as source "extension"', () => {
    expect(build(makeCapture({ note: 'read later', tags: ['research'] })).body).toEqual({
      type: 'link',
      url: 'https://example.com/article',
      title: 'An article',
      note: 'read later',
      source: 'extension',
    });
  });

  it('omits a blank title (Karakeep fills it from the crawl) and a blank note', () => {
    expect(build(makeCapture({ page: { title: ' ' }, note: '' })).body).toEqual({ type: 'link', url: 'https://example.com/article', source: 'extension' });
  });

  it('refuses a title over 1000 characters at the title field, before queueing', () => {
    expect(captureFor(destination, { page: { title: 't'.repeat(1001) } })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'field-too-long', field: 'title', details: expect.objectContaining({ max: 1000 }) }),
    });
  });
});

describe('karakeep.classify', () => {
  it('201 → synced with the bookmark id', () => {
    expect(karakeep.classify(jsonAnswer(201, karakeepBookmark()))).toEqual({ kind: 'synced', result: { id: 'ieidlxygmwj87oxz5hxttoc8' } });
  });

  it('200 with alreadyExists → synced, saying it kept the bookmark it had', () => {
    expect(karakeep.classify(jsonAnswer(200, karakeepBookmark({ alreadyExists: true })))).toEqual({
      kind: 'synced',
      result: { id: 'ieidlxygmwj87oxz5hxttoc8', existing: 'kept' },
    });
  });

  it('200 alreadyExists carrying the note just sent → the note was updated (v0.33.1+); an older server’s old note → kept', () => {
    const capture = makeCapture({ note: 'a newer note' });
    expect(karakeep.classify(jsonAnswer(200, karakeepBookmark({ alreadyExists: true, note: 'a newer note' })), capture)).toEqual({
      kind: 'synced',
      result: { id: 'ieidlxygmwj87oxz5hxttoc8', existing: 'note-updated' },
    });
    expect(karakeep.classify(jsonAnswer(200, karakeepBookmark({ alreadyExists: true, note: 'the old note' })), capture)).toMatchObject({ result: { existing: 'kept' } });
    // A fresh bookmark that happens to carry the note is just saved.
    expect(karakeep.classify(jsonAnswer(201, karakeepBookmark({ note: 'a newer note' })), capture)).toMatchObject({ result: { id: 'ieidlxygmwj87oxz5hxttoc8' } });
    expect(karakeep.classify(jsonAnswer(201, karakeepBookmark({ note: 'a newer note' })), capture)).not.toHaveProperty('result.existing');
  });

  it('400 zod error → failed at the field zod names, with its message', () => {
    const outcome = karakeep.classify(jsonAnswer(400, karakeepZodError([{ path: ['url'], message: 'Only http and https URLs are allowed' }])));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'bad-request', status: 400, field: 'url', serverMessage: 'url: Only http and https URLs are allowed' } });
    const title = karakeep.classify(jsonAnswer(400, karakeepZodError([{ path: ['title'], message: 'Too big: expected string to have <=1000 characters' }])));
    expect(title).toMatchObject({ kind: 'failed', error: { field: 'title' } });
  });

  it.each([
    [textAnswer(400, 'Malformed JSON in request body'), 'failed', 'bad-request', 'Malformed JSON in request body'],
    [textAnswer(401, 'Unauthorized'), 'paused', 'auth-invalid', undefined],
    [textAnswer(403, 'API key is missing required scope: bookmarks:readwrite'), 'paused', 'key-scope', 'API key is missing required scope: bookmarks:readwrite'],
    [textAnswer(403, 'Bookmark quota exceeded. You can only have 500 bookmarks.'), 'paused', 'bookmark-quota', 'Bookmark quota exceeded. You can only have 500 bookmarks.'],
    [textAnswer(404, '404 Not Found'), 'paused', 'api-not-found', undefined],
    [textAnswer(500, 'Internal server error'), 'retry', 'server-error', undefined],
    [textAnswer(503, 'Service Unavailable'), 'retry', 'service-unavailable', undefined],
  ] as const)('%j → %s %s', (answer, kind, code, serverMessage) => {
    const outcome = karakeep.classify(answer);
    expect(outcome).toMatchObject({ kind, error: { code, status: answer.status } });
    if (outcome.kind !== 'synced') expect(outcome.error.serverMessage).toBe(serverMessage);
  });

  it('429 has no Retry-After: the wait is read from the text; a Retry-After header, when a proxy adds one, wins', () => {
    expect(karakeep.classify(textAnswer(429, 'Rate limit exceeded. Try again in 42 seconds.'))).toMatchObject({
      kind: 'retry',
      error: { code: 'rate-limited' },
      retryAfterMs: 42_000,
    });
    expect(karakeep.classify(textAnswer(429, 'Rate limit exceeded. Try again in 42 seconds.', { 'retry-after': '5' }))).toMatchObject({ retryAfterMs: 5_000 });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(karakeep.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 307])('a redirect (status %i) pauses', (status) => {
    expect(karakeep.classify({ status, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a 201 that breaks the schema is delivered with a warning and the id it still has', () => {
    expect(karakeep.classify(jsonAnswer(201, { id: 'abc' }))).toEqual({ kind: 'synced', result: { id: 'abc' }, warning: expect.objectContaining({ code: 'malformed-response' }) });
  });
});

describe('Check connection', () => {
  function deps(answer: { status: number; body: string; type?: string }, seen: { url: string; init: RequestInit }[] = []) {
    return {
      hasPermission: () => Promise.resolve(true),
      timeoutMs: 1000,
      fetch: ((url, init) => {
        seen.push({ url, init });
        return Promise.resolve(new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.type ?? 'application/json' } }));
      }) as FetchLike,
    };
  }

  it('Karakeep: GETs the bookmark list (bookmarks:read is enough) with the Bearer key', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    expect(await checkConnection(destination, deps({ status: 200, body: '{"bookmarks":[],"nextCursor":null}' }, seen))).toEqual({ ok: true, status: 200 });
    expect(seen.map((s) => [s.url, s.init.method, (s.init.headers as Record<string, string>).authorization])).toEqual([
      ['https://karakeep.example.org/api/v1/bookmarks?limit=1&includeContent=false', 'GET', `Bearer ${destination.apiKey}`],
    ]);
  });

  it.each([
    [{ status: 401, body: 'Unauthorized', type: 'text/plain;charset=UTF-8' }, 'auth-invalid'],
    [{ status: 403, body: 'API key is missing required scope: bookmarks:read', type: 'text/plain;charset=UTF-8' }, 'forbidden'],
    [{ status: 404, body: '404 Not Found', type: 'text/plain;charset=UTF-8' }, 'api-not-found'],
    [{ status: 200, body: '<!doctype html><title>Login</title>', type: 'text/html' }, 'not-api-response'],
  ] as const)('Karakeep %j → the check fails with %s', async (answer, code) => {
    expect(await checkConnection(destination, deps(answer))).toMatchObject({ ok: false, stage: 'answer', error: { code } });
  });

  it('a service without a read endpoint keeps the old check: a GET of the base URL, without the key', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    expect(await checkConnection(destinations.sharely, deps({ status: 404, body: '{}' }, seen))).toEqual({ ok: true, status: 404 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://api.sharely.ai/');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
  });
});
