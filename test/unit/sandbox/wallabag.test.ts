// The sandbox's wallabag: password and refresh_token grants with single-use refresh tokens, expiry on command,
// entries that validate against the contract, and a duplicate URL that updates the same entry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract, describeErrors } from '../../contracts/schemas';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox, type Sandbox } from '../../sandbox/server';
import { control, postJson } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 1 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const base = () => sandboxBaseUrls(sandbox.url).wallabag;
const client = { client_id: SANDBOX_IDS.wallabag.clientId, client_secret: SANDBOX_KEYS.wallabag };
const passwordGrant = () => postJson(`${base()}/oauth/v2/token`, { grant_type: 'password', ...client, username: 'alice', password: SANDBOX_IDS.wallabag.password });
const tokens = async (response: Response) => (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
const save = (token: string, body: Record<string, unknown>) => postJson(`${base()}/api/entries.json`, body, { authorization: `Bearer ${token}` });

function expectContract(kind: 'response' | 'error', body: unknown) {
  const validate = compileContract('wallabag', kind);
  expect(validate(body), describeErrors(validate).join('; ')).toBe(true);
}

describe('sandbox wallabag', () => {
  it('the password grant gives tokens; a wrong password or secret is a documented 400', async () => {
    const granted = await passwordGrant();
    expect(granted.status).toBe(200);
    expect(await tokens(granted)).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 3600 });
    const wrong = await postJson(`${base()}/oauth/v2/token`, { grant_type: 'password', ...client, username: 'alice', password: 'nope' });
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: 'invalid_grant', error_description: 'Invalid username and password combination' }]);
    const badClient = await postJson(`${base()}/oauth/v2/token`, { grant_type: 'password', ...client, client_secret: 'x', username: 'alice', password: 'y' });
    expect(await badClient.json()).toEqual({ error: 'invalid_client', error_description: 'The client credentials are invalid' });
  });

  it('a refresh token works once; an expired access token answers 401 invalid_grant', async () => {
    const first = await tokens(await passwordGrant());
    const refreshed = await postJson(`${base()}/oauth/v2/token`, { grant_type: 'refresh_token', ...client, refresh_token: first.refresh_token });
    const second = await tokens(refreshed);
    expect(second.access_token).not.toBe(first.access_token);
    const again = await postJson(`${base()}/oauth/v2/token`, { grant_type: 'refresh_token', ...client, refresh_token: first.refresh_token });
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });

    await control(sandbox.url, 'POST', '/wallabag', { expireAccessTokens: true });
    const expired = await save(second.access_token, { url: 'https://example.com/a' });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_grant"');
    const body = await expired.json();
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'The access token provided has expired.' });
    expectContract('error', body);
    const calls = await control<{ tokenCalls: { grant: string; status: number }[] }>(sandbox.url, 'GET', '/wallabag');
    expect(calls.tokenCalls).toEqual([{ grant: 'password', status: 200 }, { grant: 'refresh_token', status: 200 }, { grant: 'refresh_token', status: 400 }]);
  });

  it('saves an entry, and the same URL again updates that entry and adds its tags', async () => {
    const { access_token: token } = await tokens(await passwordGrant());
    const created = await save(token, { url: 'https://example.com/a', title: 'A', tags: 'News, to read' });
    expect(created.status).toBe(200);
    const entry = (await created.json()) as { id: number; tags: { label: string }[] };
    expectContract('response', entry);
    expect(entry.tags.map((t) => t.label)).toEqual(['news', 'to read']);
    const again = (await (await save(token, { url: 'https://example.com/a', tags: 'later' })).json()) as { id: number; tags: { label: string }[]; created_at: string; updated_at: string };
    expect(again.id).toBe(entry.id);
    expect(again.tags.map((t) => t.label)).toEqual(['news', 'to read', 'later']);
    expect(again.updated_at > again.created_at).toBe(true);
    const stats = await control<{ byProvider: { wallabag: { created: number; requests: number } }; duplicates: unknown[] }>(sandbox.url, 'GET', '/stats');
    expect(stats.byProvider.wallabag).toMatchObject({ requests: 2, created: 1 });
    expect(stats.duplicates).toEqual([]);
  });

  it('refuses a missing token and a body that breaks the contract, in the documented shapes', async () => {
    const missing = await postJson(`${base()}/api/entries.json`, { url: 'https://example.com/a' });
    expect([missing.status, await missing.json()]).toEqual([401, { error: 'access_denied', error_description: 'OAuth2 authentication required' }]);
    const { access_token: token } = await tokens(await passwordGrant());
    const invalid = await save(token, { url: 'https://example.com/a', note: 'no such field' });
    expect(invalid.status).toBe(400);
    expectContract('error', await invalid.json());
  });

  it('answers GET /api/user.json with the token, and /api/info.json without', async () => {
    const { access_token: token } = await tokens(await passwordGrant());
    const user = await fetch(`${base()}/api/user.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(await user.json()).toMatchObject({ id: 1, username: 'alice' });
    expect((await fetch(`${base()}/api/user.json`)).status).toBe(401);
    expect(await (await fetch(`${base()}/api/info.json`)).json()).toMatchObject({ appname: 'wallabag' });
  });
});
