// The Linkwarden imitation: Bearer auth, {response} errors with zod's first issue, collections by id, duplicates as new links.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract } from '../../contracts/schemas';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox, type Sandbox } from '../../sandbox/server';
import { control, postJson } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 13 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const bearer = { authorization: `Bearer ${SANDBOX_KEYS.linkwarden}` };
const base = () => sandboxBaseUrls(sandbox.url).linkwarden;

async function save(body: Record<string, unknown>, headers: Record<string, string> = bearer) {
  const response = await postJson(`${base()}/api/v1/links`, body, headers);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('linkwarden sandbox', () => {
  it('answers a missing or wrong token with 401 {response: "You must be logged in."}', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      expect(await save({ url: 'https://example.com/a' }, headers)).toEqual({ status: 401, body: { response: 'You must be logged in.' } });
    }
  });

  it('200 {response: Link} in the collection asked for, or in Unorganized; the same URL again is another link', async () => {
    const first = await save({ url: 'https://example.com/a', collection: { id: SANDBOX_IDS.linkwarden.collectionId }, tags: [{ name: 'news' }] });
    expect(first.status).toBe(200);
    expect(compileContract('linkwarden', 'response')(first.body)).toBe(true);
    expect(first.body.response).toMatchObject({ collectionId: 3, tags: [expect.objectContaining({ name: 'news' })] });
    const again = await save({ url: 'https://example.com/a' });
    expect(again.body.response).toMatchObject({ collectionId: 1, collection: expect.objectContaining({ name: 'Unorganized' }) });
    expect((again.body.response as { id: number }).id).not.toBe((first.body.response as { id: number }).id);
  });

  it('reports zod’s first issue with its path, and an unknown collection as not accessible', async () => {
    expect(await save({ url: 'https://example.com/a', tags: [{ name: 't'.repeat(51) }] })).toEqual({
      status: 400,
      body: { response: 'Error: Too big: expected string to have <=50 characters [tags, 0, name]' },
    });
    expect(await save({ url: 'https://example.com/a', collection: { id: 99 } })).toEqual({ status: 400, body: { response: 'Collection is not accessible.' } });
    expect(compileContract('linkwarden', 'error')({ response: 'Collection is not accessible.' })).toBe(true);
  });

  it('serves /api/v1/users/me only with the token, and /api/v1/config without', async () => {
    expect((await fetch(`${base()}/api/v1/users/me`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${base()}/api/v1/users/me`)).status).toBe(401);
    expect(await (await fetch(`${base()}/api/v1/config`)).json()).toEqual({ response: { INSTANCE_VERSION: 'v2.16.1' } });
    expect(await control<unknown[]>(sandbox.url, 'GET', '/requests')).toEqual([]);
  });

  it('lists the collections for a picker with the token (parents by id), and refuses a missing or wrong one with 401', async () => {
    const answer = await fetch(`${base()}/api/v1/collections`, { headers: bearer });
    expect(answer.status).toBe(200);
    const { response } = (await answer.json()) as { response: { id: number; name: string; parentId: number | null }[] };
    expect(response.map(({ id, name, parentId }) => ({ id, name, parentId }))).toEqual([
      { id: SANDBOX_IDS.linkwarden.unorganizedId, name: 'Unorganized', parentId: null },
      { id: SANDBOX_IDS.linkwarden.collectionId, name: 'Reading', parentId: null },
      { id: 7, name: 'Papers', parentId: SANDBOX_IDS.linkwarden.collectionId },
    ]);
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const refused = await fetch(`${base()}/api/v1/collections`, { headers });
      expect({ status: refused.status, body: await refused.json() }).toEqual({ status: 401, body: { response: 'You must be logged in.' } });
    }
  });
});
