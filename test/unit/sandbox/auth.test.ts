// Keys: the documented 401 shapes, Userplane's REQUIRED vs INVALID, optional keys, revoke and rotate.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract } from '../../contracts/schemas';
import type { ListedRequest } from '../../sandbox/records';
import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../../sandbox/server';
import { control, create, postJson, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 2 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

async function send(provider: Parameters<typeof validRequest>[1], authorization?: string): Promise<{ status: number; body: unknown }> {
  const request = validRequest(sandbox.url, provider);
  const response = await postJson(request.url, request.body, authorization === undefined ? {} : { authorization });
  return { status: response.status, body: await response.json() };
}

describe.each(['sharely', 'shortpen', 'userplane'] as const)('%s requires a key', (provider) => {
  it.each([
    ['missing', undefined],
    ['wrong', 'Bearer not-the-key'],
    ['not Bearer', `Basic ${SANDBOX_KEYS[provider]}`],
  ])('refuses a %s key with its documented 401', async (_label, authorization) => {
    const { status, body } = await send(provider, authorization);
    expect(status).toBe(401);
    expect(compileContract(provider, 'error')(body)).toBe(true);
    const stats = await control<{ byProvider: Record<string, { created: number }> }>(sandbox.url, 'GET', '/stats');
    expect(stats.byProvider[provider]?.created).toBe(0);
  });
});

describe('documented auth shapes', () => {
  it('Userplane says API_KEY_REQUIRED without a key and API_KEY_INVALID with a wrong one', async () => {
    expect((await send('userplane')).body).toMatchObject({ defined: true, code: 'API_KEY_REQUIRED', status: 401 });
    expect((await send('userplane', 'Bearer uspl_wrong')).body).toMatchObject({ defined: true, code: 'API_KEY_INVALID', status: 401 });
  });

  it('Sharely and ShortPen answer their own 401 bodies', async () => {
    expect((await send('sharely')).body).toEqual({ error: 'Unauthorized', message: 'Invalid or missing API key' });
    expect((await send('shortpen')).body).toMatchObject({ success: false, status_code: 401 });
  });

  it('the listing masks the Authorization value but says whether it was right', async () => {
    await create(sandbox.url, 'sharely');
    await send('sharely', 'Bearer wrong');
    const records = await control<ListedRequest[]>(sandbox.url, 'GET', '/requests');
    expect(records.map((record) => [record.headers.authorization, record.authOk])).toEqual([
      ['Bearer ***', true],
      ['Bearer ***', false],
    ]);
    expect(JSON.stringify(records)).not.toContain(SANDBOX_KEYS.sharely);
  });
});

describe.each(['poozle', 'link-action'] as const)('%s: key optional by default', (provider) => {
  it('accepts no key, or the right key, and refuses a wrong one', async () => {
    expect((await send(provider)).status).toBe(201);
    expect((await send(provider, `Bearer ${SANDBOX_KEYS[provider]}`)).status).toBe(201);
    const wrong = await send(provider, 'Bearer wrong');
    expect(wrong.status).toBe(401);
    expect(compileContract(provider, 'error')(wrong.body)).toBe(true);
  });

  it('requires a key once the test says so', async () => {
    await control(sandbox.url, 'POST', '/keys', { provider, required: true });
    expect((await send(provider)).status).toBe(401);
    expect((await send(provider, `Bearer ${SANDBOX_KEYS[provider]}`)).status).toBe(201);
  });
});

describe('revoke and rotate', () => {
  it('a revoked Userplane key answers API_KEY_INVALID, or the code given, with its status', async () => {
    const valid = `Bearer ${SANDBOX_KEYS.userplane}`;
    await control(sandbox.url, 'POST', '/revoke', { provider: 'userplane' });
    expect(await send('userplane', valid)).toMatchObject({ status: 401, body: { code: 'API_KEY_INVALID' } });
    await control(sandbox.url, 'POST', '/revoke', { provider: 'userplane', code: 'API_KEY_EXPIRED' });
    expect(await send('userplane', valid)).toMatchObject({ status: 401, body: { code: 'API_KEY_EXPIRED', defined: true } });
    await control(sandbox.url, 'POST', '/revoke', { provider: 'userplane', code: 'API_KEY_DISABLED' });
    expect(await send('userplane', valid)).toMatchObject({ status: 403, body: { code: 'API_KEY_DISABLED', status: 403 } });
    // Other providers keep working.
    expect((await create(sandbox.url, 'sharely')).status).toBe(201);
  });

  it('a new key works after a revoke and the old one does not; reset restores the default key', async () => {
    await control(sandbox.url, 'POST', '/revoke', { provider: 'sharely' });
    await control(sandbox.url, 'POST', '/keys', { provider: 'sharely', key: 'sk_rotated' });
    expect((await send('sharely', 'Bearer sk_rotated')).status).toBe(201);
    expect((await send('sharely', `Bearer ${SANDBOX_KEYS.sharely}`)).status).toBe(401);
    await control(sandbox.url, 'POST', '/reset');
    expect((await send('sharely', `Bearer ${SANDBOX_KEYS.sharely}`)).status).toBe(201);
  });

  it('refuses control bodies that name no known provider', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/revoke`, { method: 'POST', body: JSON.stringify({ provider: 'dropbox' }) });
    expect(response.status).toBe(400);
  });
});
