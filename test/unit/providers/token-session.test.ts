// OAuth token sessions: the Bearer on each request, renewal before expiry and after a 401, one refresh for concurrent
// deliveries (proved with held answers, no timers), and a refused refresh that asks the user to sign in again.
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../lib/errors';
import { createTokenSessions, REFRESH_MARGIN_MS, type TokenSet } from '../../../lib/providers/token-session';
import type { HttpAnswer, ProviderRequest } from '../../../lib/providers/types';
import { wallabag } from '../../../lib/providers/wallabag';
import { destinations, jsonAnswer, makeCapture, wallabagOAuthError } from '../../contracts/fixtures';

const destination = destinations.wallabag;
const auth = wallabag.auth!;
const NOW = 1_800_000_000_000;

function memoryStore(initial?: TokenSet) {
  const data = new Map<string, TokenSet>(initial ? [[destination.id, initial]] : []);
  return { data, get: async (id: string) => data.get(id), set: async (id: string, tokens: TokenSet | undefined) => void (tokens ? data.set(id, tokens) : data.delete(id)) };
}

const fresh: TokenSet = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: NOW + 3_600_000 };
const tokenAnswer = (n: number) => jsonAnswer(200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 3600, token_type: 'bearer', scope: null });

/** A fake server whose answers the test gives one by one: every request waits until answered. */
function heldServer() {
  const waiting: { request: ProviderRequest; answer(a: HttpAnswer): void }[] = [];
  const seen: ProviderRequest[] = [];
  const send = (request: ProviderRequest) =>
    new Promise<Result<HttpAnswer>>((resolve) => {
      seen.push(request);
      waiting.push({ request, answer: (a) => resolve(ok(a)) });
    });
  /** Resolves once `count` requests are waiting (microtask turns only, no timers). */
  const pending = async (count: number) => {
    for (let turn = 0; turn < 1000 && waiting.length < count; turn++) await Promise.resolve();
    expect(waiting.length).toBeGreaterThanOrEqual(count);
  };
  const answerNext = (predicate: (r: ProviderRequest) => boolean, a: HttpAnswer) => {
    const index = waiting.findIndex((w) => predicate(w.request));
    expect(index).toBeGreaterThanOrEqual(0);
    waiting.splice(index, 1)[0]!.answer(a);
  };
  return { send, seen, pending, answerNext, waiting };
}

const isToken = (r: ProviderRequest) => r.url.endsWith('/oauth/v2/token');
const isEntry = (r: ProviderRequest) => r.url.endsWith('/api/entries.json');
const bearerOf = (r: ProviderRequest) => r.headers.authorization;
const entryRequest = () => {
  const built = wallabag.buildRequest(makeCapture(), destination);
  if (!built.ok) throw new Error(built.error.code);
  return built.value;
};
const expired401 = () => jsonAnswer(401, wallabagOAuthError('invalid_grant', 'The access token provided has expired.'));

describe('token sessions', () => {
  it('sends with the stored access token and never the client secret', async () => {
    const store = memoryStore(fresh);
    const server = heldServer();
    const sessions = createTokenSessions({ store, now: () => NOW });
    const sent = sessions.send(auth, destination, entryRequest(), server.send);
    await server.pending(1);
    expect(bearerOf(server.seen[0]!)).toBe('Bearer access-1');
    expect(JSON.stringify(server.seen[0])).not.toContain('secret-key');
    server.answerNext(isEntry, jsonAnswer(200, {}));
    expect((await sent).ok).toBe(true);
  });

  it('renews before expiry, saves the new pair, then sends with the new token', async () => {
    const store = memoryStore({ ...fresh, expiresAt: NOW + REFRESH_MARGIN_MS - 1 });
    const server = heldServer();
    const sessions = createTokenSessions({ store, now: () => NOW });
    const sent = sessions.send(auth, destination, entryRequest(), server.send);
    await server.pending(1);
    expect(server.seen[0]!.body).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: destination.clientId, client_secret: 'secret-key' });
    server.answerNext(isToken, tokenAnswer(2));
    await server.pending(1);
    expect(bearerOf(server.seen[1]!)).toBe('Bearer access-2');
    expect(store.data.get(destination.id)).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: NOW + 3_600_000 });
    server.answerNext(isEntry, jsonAnswer(200, {}));
    expect((await sent).ok).toBe(true);
  });

  it('three deliveries that all meet an expired token share one refresh, and each is resent once', async () => {
    const store = memoryStore(fresh);
    const server = heldServer();
    const sessions = createTokenSessions({ store, now: () => NOW });
    const sends = [0, 1, 2].map(() => sessions.send(auth, destination, entryRequest(), server.send));
    await server.pending(3);
    for (let i = 0; i < 3; i++) server.answerNext(isEntry, expired401());
    await server.pending(1);
    // While the refresh answer is held, every lane is waiting on it: exactly one token request.
    expect(server.seen.filter(isToken)).toHaveLength(1);
    expect(server.waiting.map((w) => isToken(w.request))).toEqual([true]);
    server.answerNext(isToken, tokenAnswer(2));
    await server.pending(3);
    expect(server.waiting.map((w) => bearerOf(w.request))).toEqual(['Bearer access-2', 'Bearer access-2', 'Bearer access-2']);
    for (let i = 0; i < 3; i++) server.answerNext(isEntry, jsonAnswer(200, {}));
    const results = await Promise.all(sends);
    expect(results.map((r) => r.ok && r.value.status)).toEqual([200, 200, 200]);
    expect(server.seen.filter(isToken)).toHaveLength(1);
    expect(server.seen.filter(isEntry)).toHaveLength(6);
  });

  it('a 401 that arrives after another lane already renewed uses the new token without a second refresh', async () => {
    const store = memoryStore(fresh);
    const server = heldServer();
    const sessions = createTokenSessions({ store, now: () => NOW });
    const late = sessions.send(auth, destination, entryRequest(), server.send);
    await server.pending(1);
    // Meanwhile another context (the options page) renewed and stored a new pair.
    store.data.set(destination.id, { accessToken: 'access-9', refreshToken: 'refresh-9', expiresAt: NOW + 3_600_000 });
    server.answerNext(isEntry, expired401());
    await server.pending(1);
    expect(bearerOf(server.waiting[0]!.request)).toBe('Bearer access-9');
    server.answerNext(isEntry, jsonAnswer(200, {}));
    await late;
    expect(server.seen.filter(isToken)).toHaveLength(0);
  });

  it('a refused refresh forgets the tokens and asks the user to sign in again, for every waiting lane', async () => {
    const store = memoryStore(fresh);
    const server = heldServer();
    const sessions = createTokenSessions({ store, now: () => NOW });
    const sends = [0, 1].map(() => sessions.send(auth, destination, entryRequest(), server.send));
    await server.pending(2);
    server.answerNext(isEntry, expired401());
    server.answerNext(isEntry, expired401());
    await server.pending(1);
    server.answerNext(isToken, jsonAnswer(400, wallabagOAuthError('invalid_grant', 'Invalid refresh token')));
    const results = await Promise.all(sends);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'auth-signin-required', retryable: false } });
    expect(store.data.has(destination.id)).toBe(false);
    expect(server.seen.filter(isToken)).toHaveLength(1);
    // With no tokens left, nothing more is sent until a new sign-in.
    expect(await sessions.send(auth, destination, entryRequest(), server.send)).toMatchObject({ ok: false, error: { code: 'auth-signin-required' } });
    expect(server.seen).toHaveLength(3);
  });

  it('a refresh that fails on the network keeps the tokens and is retryable', async () => {
    const store = memoryStore({ ...fresh, expiresAt: NOW });
    const sessions = createTokenSessions({ store, now: () => NOW });
    const result = await sessions.send(auth, destination, entryRequest(), async () => ({ ok: false, error: { kind: 'keeplink-error', code: 'network', retryable: true } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
    expect(store.data.get(destination.id)).toEqual({ ...fresh, expiresAt: NOW });
  });

  it('signs in with the password grant once and stores the tokens, not the password', async () => {
    const store = memoryStore();
    const seen: ProviderRequest[] = [];
    const sessions = createTokenSessions({ store, now: () => NOW });
    const result = await sessions.signIn(auth, destination, 'hunter2', async (request) => {
      seen.push(request);
      return ok(tokenAnswer(1));
    });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://wallabag.example.org/sub/oauth/v2/token' });
    expect(seen[0]!.body).toEqual({ grant_type: 'password', username: 'alice', password: 'hunter2', client_id: destination.clientId, client_secret: 'secret-key' });
    expect(JSON.stringify([...store.data.values()])).not.toContain('hunter2');
  });

  it('takes the destination lock around a refresh when locks are given', async () => {
    const names: string[] = [];
    const store = memoryStore({ ...fresh, expiresAt: NOW });
    const sessions = createTokenSessions({ store, now: () => NOW, locks: { request: (name, callback) => (names.push(name), callback()) } });
    await sessions.send(auth, destination, entryRequest(), async (request) => ok(isToken(request) ? tokenAnswer(2) : jsonAnswer(200, {})));
    expect(names).toEqual([`keeplink-token-${destination.id}`]);
  });
});
