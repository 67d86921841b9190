// The Karakeep imitation: Bearer auth with a bare text 401, the exact-URL duplicate answer, plain-text errors, the read endpoints.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract } from '../../contracts/schemas';
import { SANDBOX_KEYS, sandboxBaseUrls, startSandbox, type Sandbox } from '../../sandbox/server';
import { control, postJson } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 12 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const bearer = { authorization: `Bearer ${SANDBOX_KEYS.karakeep}` };
const endpoint = () => `${sandboxBaseUrls(sandbox.url).karakeep}/api/v1/bookmarks`;

async function save(body: Record<string, unknown>, headers: Record<string, string> = bearer) {
  const response = await postJson(endpoint(), body, headers);
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: type.startsWith('application/json') ? ((await response.json()) as Record<string, unknown>) : await response.text() };
}

describe('karakeep sandbox', () => {
  it.each([
    ['no key', {}],
    ['a wrong key', { authorization: 'Bearer ak2_wrong_key' }],
    ['a Token keyword', { authorization: `Token ${SANDBOX_KEYS.karakeep}` }],
  ])('answers %s with a plain-text 401 Unauthorized', async (_label, headers) => {
    expect(await save({ type: 'link', url: 'https://example.com/a' }, headers)).toEqual({ status: 401, type: 'text/plain;charset=UTF-8', body: 'Unauthorized' });
  });

  it('201 for a new URL, then 200 with alreadyExists and the same id for the exact same URL; another spelling is new', async () => {
    const first = await save({ type: 'link', url: 'https://example.com/a', source: 'extension', note: 'first' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ alreadyExists: false, note: 'first', source: 'extension' });
    expect(compileContract('karakeep', 'response')(first.body)).toBe(true);
    const again = await save({ type: 'link', url: 'https://example.com/a', source: 'extension' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: (first.body as { id: string }).id, alreadyExists: true, note: 'first' });
    expect(compileContract('karakeep', 'response')(again.body)).toBe(true);
    const other = await save({ type: 'link', url: 'https://example.com/a/' });
    expect(other.status).toBe(201);
  });

  it('a schema failure is zod-validator JSON whose message is the JSON text of the issues', async () => {
    const { status, body } = await save({ type: 'link', url: 'ftp://example.com/file' });
    expect(status).toBe(400);
    expect(compileContract('karakeep', 'error')(body)).toBe(true);
    const issues = JSON.parse((body as { error: { message: string } }).error.message) as { path: string[]; message: string }[];
    expect(issues).toContainEqual(expect.objectContaining({ path: ['url'], message: 'Only http and https URLs are allowed' }));
  });

  it('a 429 fault says how long to wait in its text, with no Retry-After header', async () => {
    await control(sandbox.url, 'POST', '/faults', { provider: 'karakeep', mode: '429', count: 1 });
    const response = await postJson(endpoint(), { type: 'link', url: 'https://example.com/a' }, bearer);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.text()).toBe('Rate limit exceeded. Try again in 42 seconds.');
  });

  it('serves the read-only endpoints, the bookmark list only with the key', async () => {
    await save({ type: 'link', url: 'https://example.com/a' });
    const list = await fetch(`${endpoint()}?limit=1&includeContent=false`, { headers: bearer });
    expect(await list.json()).toMatchObject({ bookmarks: [expect.objectContaining({ content: expect.objectContaining({ url: 'https://example.com/a' }) })], nextCursor: null });
    expect((await fetch(`${endpoint()}?limit=1`)).status).toBe(401);
    expect(await (await fetch(`${sandboxBaseUrls(sandbox.url).karakeep}/api/version`)).json()).toEqual({ version: '0.33.2' });
    expect(await control<unknown[]>(sandbox.url, 'GET', '/requests')).toHaveLength(1);
  });
});
