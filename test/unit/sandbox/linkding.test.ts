// The linkding imitation: Token (or Bearer) auth, the trailing-slash redirect, the duplicate-URL update and the read endpoints.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract } from '../../contracts/schemas';
import { normalizeLinkdingUrl } from '../../sandbox/providers/linkding';
import { SANDBOX_KEYS, sandboxBaseUrls, startSandbox, type Sandbox } from '../../sandbox/server';
import { control, postJson, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const token = { authorization: `Token ${SANDBOX_KEYS.linkding}` };

async function save(body: Record<string, unknown>, headers: Record<string, string> = token) {
  const response = await postJson(`${sandboxBaseUrls(sandbox.url).linkding}/api/bookmarks/`, body, headers);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('linkding sandbox', () => {
  it.each([
    ['Token', `Token ${SANDBOX_KEYS.linkding}`],
    ['token (any case)', `token ${SANDBOX_KEYS.linkding}`],
    ['Bearer', `Bearer ${SANDBOX_KEYS.linkding}`],
  ])('takes the key with the %s keyword', async (_label, authorization) => {
    const { status, body } = await save({ url: 'https://example.com/a' }, { authorization });
    expect(status).toBe(201);
    expect(compileContract('linkding', 'response')(body)).toBe(true);
  });

  it.each([
    ['no header', {}, 'Authentication credentials were not provided.'],
    ['a wrong key', { authorization: 'Token 0000000000000000000000000000000000000000' }, 'Invalid token.'],
  ])('answers %s with its documented 401 and WWW-Authenticate: Token', async (_label, headers, detail) => {
    const { status, headers: answerHeaders, body } = await save({ url: 'https://example.com/a' }, headers);
    expect(status).toBe(401);
    expect(answerHeaders.get('www-authenticate')).toBe('Token');
    expect(body).toEqual({ detail });
    expect(compileContract('linkding', 'error')(body)).toBe(true);
  });

  it('keys a 400 by field, in DRF wording, tag items by index', async () => {
    const { status, body } = await save({ url: 'not a url', title: 't'.repeat(513), tag_names: ['ok', ''] });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      url: ['Enter a valid URL.'],
      title: ['Ensure this field has no more than 512 characters.'],
      tag_names: { '1': ['This field may not be blank.'] },
    });
    expect(compileContract('linkding', 'error')(body)).toBe(true);
  });

  it('a POST without the trailing slash is redirected to it and creates nothing', async () => {
    const response = await fetch(`${sandboxBaseUrls(sandbox.url).linkding}/api/bookmarks`, { method: 'POST', headers: token, body: '{}', redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${sandbox.url}/linkding/api/bookmarks/`);
    expect(await control(sandbox.url, 'GET', '/requests')).toEqual([]);
  });

  it('a duplicate URL updates the bookmark it has: same id and date_added, new title/notes/tags, archive flag kept', async () => {
    const first = await save({ url: 'https://Example.com/page/?b=2&a=1', title: 'First', notes: 'keep?', tag_names: ['one'], is_archived: true, date_added: '2024-01-01T00:00:00.000Z' });
    expect(first.body).toMatchObject({ id: 1, date_added: '2024-01-01T00:00:00.000000Z', is_archived: true });
    const second = await save({ url: 'https://example.com/page?a=1&b=2', title: 'Second', tag_names: ['two words', 'b,c'], date_added: '2025-05-05T00:00:00.000Z' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      id: 1,
      url: 'https://Example.com/page/?b=2&a=1',
      title: 'Second',
      notes: '',
      tag_names: ['b', 'c', 'two-words'],
      is_archived: true,
      date_added: '2024-01-01T00:00:00.000000Z',
    });
    expect(compileContract('linkding', 'response')(second.body)).toBe(true);
    const other = await save({ url: 'https://example.com/page?a=1&b=2#part' });
    expect(other.body.id).toBe(2);
  });

  it('normalizes like linkding: scheme and host lowercased, trailing slashes gone, query sorted, fragment kept', () => {
    expect(normalizeLinkdingUrl('HTTPS://Example.COM/a/b//?z=1&a=2#Frag')).toBe('https://example.com/a/b?a=2&z=1#Frag');
  });

  it('serves the read-only endpoints a check uses, only with the key', async () => {
    await save(validRequest(sandbox.url, 'linkding').body);
    const base = sandboxBaseUrls(sandbox.url).linkding;
    const list = await fetch(`${base}/api/bookmarks/?limit=1`, { headers: token });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ count: 1, next: null, previous: null, results: [expect.objectContaining({ id: 1 })] });
    const profile = await fetch(`${base}/api/user/profile/`, { headers: token });
    expect(await profile.json()).toMatchObject({ version: '1.46.2' });
    expect((await fetch(`${base}/api/bookmarks/?limit=1`)).status).toBe(401);
    expect((await fetch(`${base}/api/bookmarks/?limit=1`, { headers: { authorization: 'Token wrong' } })).status).toBe(401);
    // Read requests are not create requests: the request log stays about deliveries.
    expect(await control<unknown[]>(sandbox.url, 'GET', '/requests')).toHaveLength(1);
  });
});
