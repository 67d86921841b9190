// The flush's one OAuth hook: a provider with `auth` sends through the token session, so a queue that meets an
// expired token is delivered with one refresh and no record sent twice; a refused refresh pauses, losing nothing.
import { describe, expect, it } from 'vitest';
import { ok } from '../../../lib/errors';
import type { FetchLike } from '../../../lib/http';
import { createTokenSessions, type TokenAuth, type TokenSet } from '../../../lib/providers/token-session';
import { resolveSyncConfig } from '../../../lib/sync/config';
import { flushOutbox, type FlushDeps } from '../../../lib/sync/flush';
import { fakeClock, makeCapture, must, testOutbox } from '../outbox/fixtures';
import { fakeDestination, fakeProvider, json, type FakeDestination } from './fake-provider';

const fakeAuth: TokenAuth<FakeDestination> = {
  passwordRequest: (d, password) => ok({ method: 'POST', url: `${d.baseUrl}/token`, headers: {}, body: { password } }),
  refreshRequest: (d, refreshToken) => ok({ method: 'POST', url: `${d.baseUrl}/token`, headers: {}, body: { refresh_token: refreshToken } }),
  readTokens: (answer, now) => {
    const body = JSON.parse(answer.bodyText) as { access?: string; refresh?: string };
    return answer.status === 200 && body.access && body.refresh
      ? ok({ accessToken: body.access, refreshToken: body.refresh, expiresAt: now + 3_600_000 })
      : { ok: false, error: { kind: 'keeplink-error', code: 'auth-signin-required', retryable: false } };
  },
};

function setup(refreshWorks: boolean) {
  const clock = fakeClock();
  const { outbox } = testOutbox(clock);
  const destination = fakeDestination('a', { apiKey: '' });
  const stored = new Map<string, TokenSet>([['a', { accessToken: 'old', refreshToken: 'r1', expiresAt: clock.now() + 3_600_000 }]]);
  const sent: { url: string; authorization?: string; idempotencyKey?: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    sent.push({ url, authorization: headers.authorization, idempotencyKey: url.endsWith('/token') ? undefined : headers['idempotency-key'] });
    if (url.endsWith('/token')) return refreshWorks ? json(200, { access: 'new', refresh: 'r2' }) : json(400, { error: 'invalid_grant' });
    // The server expired "old" early: the client still thinks it valid.
    return headers.authorization === 'Bearer new' ? json(201, { id: `id-${headers['idempotency-key']}` }) : json(401, { message: 'expired' });
  };
  const provider: typeof fakeProvider = { ...fakeProvider, auth: fakeAuth };
  const deps: FlushDeps<FakeDestination> = {
    outbox,
    getDestinations: async () => ({ valid: [destination], invalid: [] }),
    withProvider: (d, use) => use(provider, d),
    hasPermission: async () => true,
    fetch,
    now: clock.now,
    random: () => 0.5,
    config: resolveSyncConfig({ perDestinationConcurrency: 3 }),
    sleep: async (ms) => clock.advance(ms),
    tokens: createTokenSessions({ store: { get: async (id) => stored.get(id), set: async (id, t) => void (t ? stored.set(id, t) : stored.delete(id)) }, now: clock.now }),
  };
  const enqueue = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(must(await outbox.enqueue(makeCapture({ destinationId: 'a' }))).record.id);
    return ids;
  };
  return { outbox, deps, sent, stored, enqueue };
}

describe('flushOutbox with an OAuth provider', () => {
  it('a queue that meets an expired token: one refresh, every record delivered once with the new token', async () => {
    const { outbox, deps, sent, stored, enqueue } = setup(true);
    const ids = await enqueue(5);
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ synced: 5, failed: 0, paused: 0 });
    expect(sent.filter((r) => r.url.endsWith('/token'))).toHaveLength(1);
    const delivered = sent.filter((r) => r.authorization === 'Bearer new' && r.idempotencyKey);
    expect(delivered.map((r) => r.idempotencyKey).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await outbox.get(id)).toMatchObject({ status: 'synced', attempts: 1 });
    expect(stored.get('a')).toMatchObject({ accessToken: 'new', refreshToken: 'r2' });
  });

  it('a refused refresh pauses the destination with auth-signin-required and keeps every record', async () => {
    const { outbox, deps, sent, enqueue } = setup(false);
    const ids = await enqueue(3);
    await flushOutbox(deps);
    expect(sent.filter((r) => r.url.endsWith('/token'))).toHaveLength(1);
    const records = await Promise.all(ids.map(async (id) => (await outbox.get(id))!));
    expect(records.every((record) => record.status === 'paused' || record.status === 'queued')).toBe(true);
    expect(await outbox.getPause('a')).toMatchObject({ error: { code: 'auth-signin-required' } });
    expect(await outbox.countUndelivered()).toBe(3);
  });
});
