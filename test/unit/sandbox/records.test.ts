// Requests and created items: duplicates are measurable, lost answers count as unacknowledged, reset clears.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ListedRequest, SandboxStats } from '../../sandbox/records';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { bearer, control, create, postJson, until, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 4 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const stats = () => control<SandboxStats>(sandbox.url, 'GET', '/stats');


describe('records and stats', () => {
  it('does not honour Idempotency-Key: a replay creates a second item, listed as a duplicate with its keys', async () => {
    const first = await create(sandbox.url, 'sharely', { 'idempotency-key': 'cap-7' });
    const replay = await create(sandbox.url, 'sharely', { 'idempotency-key': 'cap-7' });
    await create(sandbox.url, 'sharely', { 'idempotency-key': 'cap-8' }, 'https://example.com/other');
    const ids = [((await first.json()) as { id: string }).id, ((await replay.json()) as { id: string }).id];
    expect(ids[0]).not.toBe(ids[1]);
    const { byProvider, duplicates } = await stats();
    expect(byProvider.sharely).toMatchObject({ requests: 3, created: 3, acknowledged: 3, unacknowledged: 0 });
    expect(duplicates).toEqual([
      { provider: 'sharely', pageUrl: 'https://example.com/article?id=1', count: 2, ids, seqs: [1, 2], idempotencyKeys: ['cap-7', 'cap-7'], unacknowledged: 0 },
    ]);
  });

  it('counts as unacknowledged an item created after the client gave up waiting', async () => {
    await control(sandbox.url, 'POST', '/faults', { provider: 'userplane', mode: 'slow', delayMs: 1_000, count: 1 });
    const request = validRequest(sandbox.url, 'userplane');
    const client = new AbortController();
    const pending = postJson(request.url, request.body, bearer('userplane'), { signal: client.signal });
    // Gives up once the server has the request, not after a fixed time that a loaded machine could overrun.
    await until(() => sandbox.state.requests.length, (count) => count === 1);
    client.abort();
    await expect(pending).rejects.toThrow();
    await until(stats, (value) => value.byProvider.userplane.created === 1);
    expect((await stats()).byProvider.userplane).toMatchObject({ created: 1, acknowledged: 0, unacknowledged: 1, pending: 0 });
    const [record] = await control<ListedRequest[]>(sandbox.url, 'GET', '/requests');
    expect(record).toMatchObject({ fault: 'slow', createdId: expect.any(String), acknowledged: false, delivery: 'unacknowledged' });
  });

  it('closes promptly while a slow answer is still waiting', async () => {
    const own = await startSandbox({ port: 0 });
    await control(own.url, 'POST', '/faults', { mode: 'slow', delayMs: 60_000 });
    const pending = create(own.url, 'sharely').catch((error: unknown) => error);
    await until(() => own.state.requests.length, (count) => count === 1);
    // The answer is held for a minute; close resolving at all (within the test's timeout) proves it did not wait.
    await own.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(own.state.items).toHaveLength(0);
  });

  it('lists requests in arrival order, filtered by provider', async () => {
    await create(sandbox.url, 'poozle');
    await create(sandbox.url, 'sharely');
    await create(sandbox.url, 'poozle');
    const all = await control<ListedRequest[]>(sandbox.url, 'GET', '/requests');
    expect(all.map((record) => [record.seq, record.provider])).toEqual([
      [1, 'poozle'],
      [2, 'sharely'],
      [3, 'poozle'],
    ]);
    expect((await control<ListedRequest[]>(sandbox.url, 'GET', '/requests?provider=poozle')).map((record) => record.seq)).toEqual([1, 3]);
    expect(sandbox.state.requests).toHaveLength(3);
  });

  it('reset clears requests, items, faults, chaos and revoked keys', async () => {
    await create(sandbox.url, 'sharely');
    await control(sandbox.url, 'POST', '/faults', { provider: 'shortpen', mode: '500' });
    await control(sandbox.url, 'POST', '/chaos', { seed: 1, rate: 1, modes: ['503'] });
    await control(sandbox.url, 'POST', '/revoke', { provider: 'userplane' });
    await control(sandbox.url, 'POST', '/reset');
    expect(await control(sandbox.url, 'GET', '/requests')).toEqual([]);
    expect(await control(sandbox.url, 'GET', '/faults')).toEqual({ rules: [] });
    expect((await stats()).totals).toMatchObject({ requests: 0, created: 0 });
    expect((await create(sandbox.url, 'shortpen')).status).toBe(200);
    expect((await create(sandbox.url, 'userplane')).status).toBe(200);
    expect((await control<ListedRequest[]>(sandbox.url, 'GET', '/requests'))[0]?.seq).toBe(1);
  });
});
