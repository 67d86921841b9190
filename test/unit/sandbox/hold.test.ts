// The hold point: act at an exact request count with requests still open, then release; and per-mode Retry-After in chaos.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HoldStatus } from '../../sandbox/hold';
import type { ListedRequest, SandboxStats } from '../../sandbox/records';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { bearer, control, create, postJson, until, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

type Hold = HoldStatus & { requests: number; inFlight: string[] };
const hold = () => control<Hold>(sandbox.url, 'GET', '/hold');
const stats = () => control<SandboxStats>(sandbox.url, 'GET', '/stats');
const requests = () => control<ListedRequest[]>(sandbox.url, 'GET', '/requests');


const key = (n: number) => ({ 'idempotency-key': `cap-${n}` });

describe('hold', () => {
  it('records exactly N requests, holds their open answers and parks later arrivals until released', async () => {
    await control(sandbox.url, 'POST', '/hold', { afterRequests: 2 });
    expect((await create(sandbox.url, 'sharely', key(1), 'https://example.com/1')).status).toBe(201);
    const second = create(sandbox.url, 'sharely', key(2), 'https://example.com/2');
    const third = create(sandbox.url, 'poozle', key(3), 'https://example.com/3');
    const frozen = await until(hold, (status) => status.parked === 1 && status.answers === 1);
    expect(frozen).toMatchObject({ afterRequests: 2, reached: true, requests: 2 });
    expect(frozen.inFlight.sort()).toEqual(['cap-2', 'cap-3']);
    expect((await requests()).map((record) => record.status)).toEqual([201, null]);

    expect(await control(sandbox.url, 'DELETE', '/hold')).toEqual({ released: 2 });
    expect((await second).status).toBe(201);
    expect((await third).status).toBe(201);
    expect((await requests()).map((record) => [record.seq, record.idempotencyKey, record.acknowledged])).toEqual([
      [1, 'cap-1', true],
      [2, 'cap-2', true],
      [3, 'cap-3', true],
    ]);
    expect(await hold()).toEqual({ afterRequests: null, reached: false, parked: 0, answers: 0, requests: 3, inFlight: [] });
  });

  it('a held answer whose client went away still creates the item, counted as unacknowledged', async () => {
    await control(sandbox.url, 'POST', '/hold', { afterRequests: 1 });
    const request = validRequest(sandbox.url, 'userplane');
    const client = new AbortController();
    const pending = postJson(request.url, request.body, { ...bearer('userplane'), ...key(9) }, { signal: client.signal });
    await until(hold, (status) => status.answers === 1);
    client.abort();
    await expect(pending).rejects.toThrow();
    await until(hold, (status) => status.inFlight.length === 0);
    await control(sandbox.url, 'DELETE', '/hold');
    const { byProvider } = await until(stats, (value) => value.byProvider.userplane.created === 1);
    expect(byProvider.userplane).toMatchObject({ created: 1, acknowledged: 0, unacknowledged: 1, pending: 0 });
  });

  it('a parked arrival whose client went away is recorded on release, and what it creates is unacknowledged', async () => {
    await control(sandbox.url, 'POST', '/hold', { afterRequests: 0 });
    const request = validRequest(sandbox.url, 'link-action');
    const client = new AbortController();
    const pending = postJson(request.url, request.body, key(4), { signal: client.signal });
    await until(hold, (status) => status.parked === 1);
    expect((await hold()).requests).toBe(0);
    client.abort();
    await expect(pending).rejects.toThrow();
    await control(sandbox.url, 'DELETE', '/hold');
    const [record] = await until(requests, (list) => list.length === 1);
    expect(record).toMatchObject({ seq: 1, idempotencyKey: 'cap-4', createdId: expect.any(String), acknowledged: false, delivery: 'unacknowledged' });
  });

  it('reset releases a hold, and what it parked is dropped rather than recorded in the new run', async () => {
    await control(sandbox.url, 'POST', '/hold', { afterRequests: 0 });
    const parked = create(sandbox.url, 'sharely', key(5)).catch((error: unknown) => error);
    await until(hold, (status) => status.parked === 1);
    await control(sandbox.url, 'POST', '/reset');
    expect(await parked).toBeInstanceOf(Error);
    expect(await requests()).toEqual([]);
    expect((await hold()).reached).toBe(false);
  });

  it('refuses a negative count', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/hold`, { method: 'POST', body: JSON.stringify({ afterRequests: -1 }) });
    expect(response.status).toBe(400);
  });
});

describe('chaos Retry-After per mode', () => {
  it('puts Retry-After only on the modes listed in retryAfterModes', async () => {
    await control(sandbox.url, 'POST', '/chaos', { seed: 2, rate: 1, modes: ['500', '429'], retryAfter: '1', retryAfterModes: ['429'] });
    const seen = new Map<number, string | null>();
    for (let i = 0; i < 20 && seen.size < 2; i += 1) {
      const response = await create(sandbox.url, 'sharely', {}, `https://example.com/r${i}`);
      seen.set(response.status, response.headers.get('retry-after'));
    }
    expect(Object.fromEntries(seen)).toEqual({ 429: '1', 500: null });
  });
});
