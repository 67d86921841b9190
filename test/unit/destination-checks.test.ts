// "Check connection" for the providers with their own read-only request: the webhook's HEAD sends no secret, and
// wallabag's GET /api/user.json goes with the access token and must be accepted.
import { describe, expect, it } from 'vitest';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import type { FetchLike } from '../../lib/http';
import { createTokenSessions, type TokenSet } from '../../lib/providers/token-session';
import { destinations, jsonAnswer, successBodies, wallabagOAuthError } from '../contracts/fixtures';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
}

function deps(answer: (seen: Seen) => { status: number; body: unknown }, tokens?: TokenSet) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = { url, method: String(init.method), headers: init.headers as Record<string, string> };
    seen.push(request);
    const { status, body } = answer(request);
    return new Response(status === 204 || init.method === 'HEAD' ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  const store = new Map<string, TokenSet>(tokens ? [[destinations.wallabag.id, tokens]] : []);
  const checkDeps: CheckDeps = {
    hasPermission: async () => true,
    fetch,
    timeoutMs: 5_000,
    tokens: createTokenSessions({ store: { get: async (id) => store.get(id), set: async (id, t) => void (t ? store.set(id, t) : store.delete(id)) }, now: () => 0 }),
  };
  return { seen, checkDeps };
}

const tokens: TokenSet = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: 3_600_000 };

describe('checkConnection', () => {
  it('webhook: a HEAD of the origin, with neither the secret nor the extra headers', async () => {
    const { seen, checkDeps } = deps(() => ({ status: 404, body: {} }));
    expect(await checkConnection(destinations.webhook, checkDeps)).toEqual({ ok: true, status: 404 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ url: 'https://hooks.example.com/', method: 'HEAD' });
    expect(Object.keys(seen[0]!.headers).sort()).toEqual(['accept', 'idempotency-key']);
  });

  it('wallabag: GET /api/user.json with the access token', async () => {
    const { seen, checkDeps } = deps(() => ({ status: 200, body: { id: 1, username: 'alice' } }), tokens);
    expect(await checkConnection(destinations.wallabag, checkDeps)).toEqual({ ok: true, status: 200 });
    expect(seen[0]).toMatchObject({ url: 'https://wallabag.example.org/sub/api/user.json', method: 'GET', headers: { authorization: 'Bearer access-1' } });
  });

  it('wallabag: a refused token is a failed check, not "Connection OK"', async () => {
    const { checkDeps } = deps((r) =>
      r.url.endsWith('/oauth/v2/token') ? { status: 400, body: wallabagOAuthError('invalid_grant', 'Invalid refresh token') } : { status: 401, body: wallabagOAuthError('invalid_grant', 'The access token provided is invalid.') },
    tokens);
    expect(await checkConnection(destinations.wallabag, checkDeps)).toMatchObject({ ok: false, stage: 'answer', error: { code: 'auth-signin-required' } });
  });

  it('wallabag: without tokens nothing is sent and the user is asked to sign in', async () => {
    const { seen, checkDeps } = deps(() => ({ status: 200, body: {} }));
    expect(await checkConnection(destinations.wallabag, checkDeps)).toMatchObject({ ok: false, stage: 'answer', error: { code: 'auth-signin-required' } });
    expect(seen).toEqual([]);
  });

  it('wallabag: a 403 from the check is reported with its reason', async () => {
    const { checkDeps } = deps(() => ({ status: 403, body: { code: 403, message: 'Access denied' } }), tokens);
    expect(await checkConnection(destinations.wallabag, checkDeps)).toMatchObject({ ok: false, stage: 'answer', error: { code: 'forbidden', serverMessage: 'Access denied' } });
  });
});

describe('sendTestLink', () => {
  it('wallabag: one entry with the access token', async () => {
    const { seen, checkDeps } = deps(() => ({ status: 200, body: successBodies.wallabag }), tokens);
    expect(await sendTestLink(destinations.wallabag, checkDeps)).toEqual({ kind: 'synced', result: { id: '1234' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.authorization).toBe('Bearer access-1');
  });

  it('wallabag: without tokens it pauses with the sign-in message', async () => {
    const { checkDeps } = deps(() => ({ status: 200, body: jsonAnswer(200, {}) }));
    expect(await sendTestLink(destinations.wallabag, checkDeps)).toMatchObject({ kind: 'paused', error: { code: 'auth-signin-required' } });
  });
});
