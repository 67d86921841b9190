// Fault injection: every mode, counts and targeting, and the seeded chaos plan.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../lib/providers/types';
import { compileContract } from '../../contracts/schemas';
import type { ListedRequest, SandboxStats } from '../../sandbox/records';
import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../../sandbox/server';
import { PROVIDERS, bearer, control, create, postJson, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const fault = (body: Record<string, unknown>) => control(sandbox.url, 'POST', '/faults', body);
const stats = () => control<SandboxStats>(sandbox.url, 'GET', '/stats');
const requests = () => control<ListedRequest[]>(sandbox.url, 'GET', '/requests');

describe('fault modes', () => {
  it('down: the connection closes with no answer, for every path of that provider, until cleared', async () => {
    await fault({ provider: 'sharely', mode: 'down' });
    await expect(create(sandbox.url, 'sharely')).rejects.toThrow(TypeError);
    await expect(fetch(`${sandbox.url}/sharely/`)).rejects.toThrow(TypeError);
    expect((await create(sandbox.url, 'poozle')).status).toBe(201);
    expect((await requests())[0]).toMatchObject({ provider: 'sharely', fault: 'down', status: null, acknowledged: false });
    await control(sandbox.url, 'DELETE', '/faults');
    expect((await create(sandbox.url, 'sharely')).status).toBe(201);
  });

  /** Services whose documented 5xx is a page, not their JSON error body. */
  const SERVER_ERROR_PAGES: Partial<Record<ProviderId, RegExp>> = { linkding: /^text\/html/, karakeep: /^text\/plain/, linkwarden: /^text\/plain/ };

  it.each(PROVIDERS)('500 and 503 answer %s’s own error shape and create nothing', async (provider) => {
    await fault({ provider, mode: '500', count: 1 });
    await fault({ provider, mode: '503', count: 1, retryAfter: '3' });
    const first = await create(sandbox.url, provider);
    const second = await create(sandbox.url, provider);
    expect([first.status, second.status]).toEqual([500, 503]);
    expect(second.headers.get('retry-after')).toBe('3');
    for (const response of [first, second]) {
      const page = SERVER_ERROR_PAGES[provider];
      if (page) expect(response.headers.get('content-type')).toMatch(page);
      else expect(compileContract(provider, 'error')(await response.json())).toBe(true);
    }
    expect((await stats()).byProvider[provider].created).toBe(0);
    expect((await create(sandbox.url, provider)).ok).toBe(true);
  });

  it('429: Userplane RATE_LIMITED and ShortPen’s monthly quota, with Retry-After when given', async () => {
    await fault({ mode: '429', retryAfter: '7' });
    const userplane = await create(sandbox.url, 'userplane');
    expect(userplane.status).toBe(429);
    expect(userplane.headers.get('retry-after')).toBe('7');
    expect(await userplane.json()).toMatchObject({ defined: true, code: 'RATE_LIMITED', status: 429 });
    const shortpen = await create(sandbox.url, 'shortpen');
    expect(shortpen.status).toBe(429);
    expect(await shortpen.json()).toMatchObject({ success: false, status_code: 429, message: expect.stringMatching(/monthly/) });
  });

  it('slow: answers normally after the delay', async () => {
    await fault({ provider: 'sharely', mode: 'slow', delayMs: 150, count: 1 });
    const started = Date.now();
    const response = await create(sandbox.url, 'sharely');
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('html: a 200 captive-portal page instead of the API', async () => {
    await fault({ mode: 'html', count: 1 });
    const response = await create(sandbox.url, 'userplane');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<html/);
    expect((await stats()).totals.created).toBe(0);
  });

  it('malformed: the success status with a JSON body that does not parse', async () => {
    await fault({ provider: 'sharely', mode: 'malformed' });
    const response = await create(sandbox.url, 'sharely');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('status: Userplane API_KEY_EXPIRED and PLAN_LIMIT_EXCEEDED (status taken from the code)', async () => {
    await fault({ provider: 'userplane', mode: 'status', status: 401, code: 'API_KEY_EXPIRED', count: 1 });
    await fault({ provider: 'userplane', mode: 'status', code: 'PLAN_LIMIT_EXCEEDED', count: 1 });
    const expired = await create(sandbox.url, 'userplane');
    const limited = await create(sandbox.url, 'userplane');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ defined: true, code: 'API_KEY_EXPIRED', status: 401 });
    expect(limited.status).toBe(403);
    const body: unknown = await limited.json();
    expect(body).toMatchObject({ defined: true, code: 'PLAN_LIMIT_EXCEEDED', status: 403 });
    expect(compileContract('userplane', 'error')(body)).toBe(true);
  });

  it('status: other providers answer the status in their own shape', async () => {
    await fault({ provider: 'link-action', mode: 'status', status: 409, code: 'CONFLICT', count: 1 });
    const response = await create(sandbox.url, 'link-action');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ statusCode: 409, code: 'CONFLICT', error: 'Conflict' });
  });

  it('status: {key} in the message echoes the presented key, as a careless server does', async () => {
    await fault({ provider: 'sharely', mode: 'status', status: 401, message: 'The key {key} is not valid', count: 2 });
    const echoed = await create(sandbox.url, 'sharely');
    expect(echoed.status).toBe(401);
    expect(await echoed.json()).toEqual({ error: 'Unauthorized', message: `The key ${SANDBOX_KEYS.sharely} is not valid` });
    const keyless = await create(sandbox.url, 'sharely', { authorization: '' });
    expect(await keyless.json()).toMatchObject({ message: 'The key  is not valid' });
  });

  it('drop-after-commit: the item is created, the client gets a network error, and it counts as unacknowledged', async () => {
    await fault({ provider: 'poozle', mode: 'drop-after-commit', count: 1 });
    await expect(create(sandbox.url, 'poozle', { 'idempotency-key': 'cap-1' })).rejects.toThrow(TypeError);
    expect((await create(sandbox.url, 'poozle', { 'idempotency-key': 'cap-1' })).status).toBe(201);
    const { byProvider, duplicates } = await stats();
    expect(byProvider.poozle).toMatchObject({ created: 2, acknowledged: 1, unacknowledged: 1, pending: 0 });
    expect(duplicates).toEqual([expect.objectContaining({ provider: 'poozle', count: 2, unacknowledged: 1, idempotencyKeys: ['cap-1', 'cap-1'] })]);
    const [dropped] = await requests();
    expect(dropped).toMatchObject({ fault: 'drop-after-commit', createdId: expect.any(String), acknowledged: false, status: null });
  });

  it('drop-after-commit answers normally when nothing was created', async () => {
    await fault({ provider: 'sharely', mode: 'drop-after-commit', count: 1 });
    expect((await create(sandbox.url, 'sharely', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('redirect: a 302 to another origin, where a captive-portal page waits', async () => {
    await fault({ mode: 'redirect', count: 1 });
    const request = validRequest(sandbox.url, 'sharely');
    const response = await postJson(request.url, request.body, bearer('sharely'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).not.toBe(sandbox.url);
    expect(location.hostname).toBe('localhost');
    const portal = await fetch(new URL(location.pathname, sandbox.url));
    expect(portal.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await stats()).totals.created).toBe(0);
  });

  it('success-false: ShortPen answers 200 with success false; other providers are not affected', async () => {
    await fault({ mode: 'success-false' });
    expect((await create(sandbox.url, 'sharely')).status).toBe(201);
    const response = await create(sandbox.url, 'shortpen');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: false, data: null });
    const refused = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ provider: 'sharely', mode: 'success-false' }) });
    expect(refused.status).toBe(400);
  });
});

describe('fault rules', () => {
  it('count limits a rule to the next N matching requests, rules apply in order, and requests record their fault', async () => {
    await fault({ provider: 'sharely', mode: '500', count: 2 });
    await fault({ provider: 'sharely', mode: '503', count: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await create(sandbox.url, 'sharely')).status);
    expect(statuses).toEqual([500, 500, 503, 201]);
    expect((await requests()).map((record) => record.fault ?? null)).toEqual(['500', '500', '503', null]);
    expect((await stats()).faults).toEqual({ total: 3, byKind: { '500': 2, '503': 1 } });
  });

  it('refuses an unknown mode and a status fault without status or code', async () => {
    for (const body of [{ mode: 'explode' }, { mode: 'status' }]) {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
    }
  });
});

describe('chaos plan', () => {
  async function run(seed: number): Promise<(string | null)[]> {
    await control(sandbox.url, 'POST', '/reset');
    await control(sandbox.url, 'POST', '/chaos', { seed, rate: 0.5, modes: ['500', '503', '429', 'malformed'] });
    for (let i = 0; i < 30; i += 1) await create(sandbox.url, PROVIDERS[i % PROVIDERS.length] ?? 'sharely', {}, `https://example.com/${i}`);
    return (await requests()).map((record) => record.fault ?? null);
  }

  it('gives the same faults in the same arrival order for the same seed, and counts them by kind', async () => {
    const first = await run(42);
    const again = await run(42);
    const other = await run(43);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const faulted = first.filter((mode) => mode !== null);
    expect(faulted.length).toBeGreaterThan(5);
    expect(faulted.length).toBeLessThan(25);
    await run(42);
    const { faults, totals } = await stats();
    expect(faults.total).toBe(faulted.length);
    expect(Object.values(faults.byKind).reduce((sum, count) => sum + count, 0)).toBe(faulted.length);
    expect(totals.created).toBe(30 - faulted.length);
  });

  it('rate 0 faults nothing, and DELETE /chaos stops the plan', async () => {
    await control(sandbox.url, 'POST', '/chaos', { seed: 1, rate: 0, modes: ['down'] });
    expect((await create(sandbox.url, 'sharely')).status).toBe(201);
    await control(sandbox.url, 'POST', '/chaos', { seed: 1, rate: 1, modes: ['500'] });
    expect((await create(sandbox.url, 'sharely')).status).toBe(500);
    await control(sandbox.url, 'DELETE', '/chaos');
    expect((await create(sandbox.url, 'sharely')).status).toBe(201);
  });
});
