// The Linkwarden collection picker: the read request (token, base path), the choices named by their place in the
// tree, every answer it can get, the key only to its own origin and never in a message, and the per-page cache.
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../../lib/http';
import { collectionsRequest, createCollectionPicker, readCollections } from '../../../lib/pickers/linkwarden-collections';
import { HTML_PAGE, jsonAnswer } from '../../contracts/fixtures';

const BASE = 'https://links.example.org/sub';
const KEY = 'eyJ.token.secret';
const list = (...collections: Record<string, unknown>[]) => ({ response: collections });

function answering(status: number, body: unknown): ReturnType<typeof vi.fn<FetchLike>> {
  return vi.fn<FetchLike>(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
}

describe('collectionsRequest', () => {
  it('GETs /api/v1/collections under the base path with the Bearer token and no body', () => {
    expect(collectionsRequest(BASE, ` ${KEY} `)).toEqual({
      ok: true,
      value: { method: 'GET', url: 'https://links.example.org/sub/api/v1/collections', headers: { accept: 'application/json', authorization: `Bearer ${KEY}` }, body: undefined },
    });
  });
});

describe('readCollections', () => {
  it('names each collection after its parents, sorted, so two "Papers" can be told apart', () => {
    const answer = jsonAnswer(
      200,
      list(
        { id: 3, name: 'Reading', parentId: null, ownerId: 1 },
        { id: 7, name: 'Papers', parentId: 3 },
        { id: 9, name: 'Papers', parentId: 8 },
        { id: 8, name: 'Archive', parentId: null },
        { id: 1, name: 'Unorganized' },
      ),
    );
    expect(readCollections(answer)).toEqual({
      ok: true,
      value: [
        { id: 8, label: 'Archive' },
        { id: 9, label: 'Archive / Papers' },
        { id: 3, label: 'Reading' },
        { id: 7, label: 'Reading / Papers' },
        { id: 1, label: 'Unorganized' },
      ],
    });
  });

  it('ends a path at a parent it was not given (shared from someone else) and at a loop', () => {
    const answer = jsonAnswer(200, list({ id: 4, name: 'Shared child', parentId: 99 }, { id: 5, name: 'A', parentId: 6 }, { id: 6, name: 'B', parentId: 5 }));
    expect(readCollections(answer)).toEqual({ ok: true, value: [{ id: 6, label: 'A / B' }, { id: 5, label: 'B / A' }, { id: 4, label: 'Shared child' }] });
  });

  it.each([
    [401, { response: 'You must be logged in.' }, 'auth-invalid'],
    [404, { response: 'Not found' }, 'api-not-found'],
    [500, { response: 'boom' }, 'server-error'],
  ])('%i → %s', (status, body, code) => {
    expect(readCollections(jsonAnswer(status, body))).toMatchObject({ ok: false, error: { code, status } });
  });

  it('a web page instead of the API, and a 2xx that is not a collection list, are errors, never an empty list', () => {
    expect(readCollections(HTML_PAGE)).toMatchObject({ ok: false, error: { code: 'not-api-response' } });
    expect(readCollections(jsonAnswer(200, { response: 'nope' }))).toMatchObject({ ok: false, error: { code: 'malformed-response' } });
  });
});

describe('createCollectionPicker', () => {
  it('asks the service once per base URL and key while the page is open, and again for another key', async () => {
    const fetch = answering(200, list({ id: 3, name: 'Reading' }));
    const picker = createCollectionPicker({ fetch, timeoutMs: 1000 });
    const first = await picker.choices(BASE, KEY);
    expect(await picker.choices(BASE, KEY)).toEqual(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    await picker.choices(BASE, 'another-key');
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[0]![0]).toBe('https://links.example.org/sub/api/v1/collections');
  });

  it('keeps no failure: the next press asks again', async () => {
    const fetch = answering(401, { response: 'You must be logged in.' });
    const picker = createCollectionPicker({ fetch, timeoutMs: 1000 });
    expect(await picker.choices(BASE, KEY)).toMatchObject({ ok: false, error: { code: 'auth-invalid' } });
    await picker.choices(BASE, KEY);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('masks a key the server echoes in its error', async () => {
    const picker = createCollectionPicker({ fetch: answering(400, { response: `Bad token ${KEY}` }), timeoutMs: 1000 });
    const result = await picker.choices(BASE, KEY);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('does not follow a redirect with the key to another origin', async () => {
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(new Response(null, { status: 302, headers: { location: 'https://evil.example/' } })));
    const result = await createCollectionPicker({ fetch, timeoutMs: 1000 }).choices(BASE, KEY);
    expect(result).toMatchObject({ ok: false, error: { code: 'redirect' } });
    expect(fetch.mock.calls[0]![1]).toMatchObject({ redirect: 'manual' });
  });
});
