// Owns OAuth tokens for providers that need them (wallabag): sign-in once, the Bearer on each request, one refresh at a time.
import { fail, keeplinkError, ok, type Result } from '../errors';
import type { DestinationCommon, HttpAnswer, ProviderRequest } from './types';

/** What a token endpoint gave, as stored (storage.local, beside the destinations, never exported). */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
}

/** A provider's OAuth side: the token requests and how to read the token endpoint's answer. */
export interface TokenAuth<D extends DestinationCommon = DestinationCommon> {
  passwordRequest(destination: D, password: string): Result<ProviderRequest>;
  refreshRequest(destination: D, refreshToken: string): Result<ProviderRequest>;
  /** Tokens, or `auth-signin-required` when only the user can help (refresh token gone), or a retryable error. */
  readTokens(answer: HttpAnswer, now: number): Result<TokenSet>;
}

export interface TokenStore {
  get(destinationId: string): Promise<TokenSet | undefined>;
  set(destinationId: string, tokens: TokenSet | undefined): Promise<void>;
}

/** The part of navigator.locks a refresh uses, so the options page and the worker never spend one refresh token twice. */
export interface TokenLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export type Send = (request: ProviderRequest) => Promise<Result<HttpAnswer>>;

export interface TokenSessions {
  /** Sends with the current access token, renewing it first when it is about to expire, and once more after a 401. */
  send<D extends DestinationCommon>(auth: TokenAuth<D>, destination: D, request: ProviderRequest, send: Send): Promise<Result<HttpAnswer>>;
  /** The password grant: the password is used for this one request and never kept. */
  signIn<D extends DestinationCommon>(auth: TokenAuth<D>, destination: D, password: string, send: Send): Promise<Result<TokenSet>>;
}

/** Renewed this long before the server's expiry, so a request never leaves with a token about to lapse. */
export const REFRESH_MARGIN_MS = 60_000;

export const signInRequired = () => keeplinkError('auth-signin-required');

function withToken(request: ProviderRequest, accessToken: string): ProviderRequest {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${accessToken}` } };
}

export function createTokenSessions(deps: { store: TokenStore; now(): number; locks?: TokenLocks }): TokenSessions {
  // One refresh in flight per destination: every delivery that needs it waits for the same answer.
  const refreshing = new Map<string, Promise<Result<TokenSet>>>();

  async function exchange<D extends DestinationCommon>(auth: TokenAuth<D>, destination: D, request: Result<ProviderRequest>, send: Send): Promise<Result<TokenSet>> {
    if (!request.ok) return request;
    const answer = await send(request.value);
    if (!answer.ok) return answer;
    const tokens = auth.readTokens(answer.value, deps.now());
    // A refresh token is single-use and the old one is deleted at once: only a new sign-in helps after a refusal.
    if (tokens.ok || tokens.error.code === 'auth-signin-required') await deps.store.set(destination.id, tokens.ok ? tokens.value : undefined);
    return tokens;
  }

  function refresh<D extends DestinationCommon>(auth: TokenAuth<D>, destination: D, stale: TokenSet, send: Send): Promise<Result<TokenSet>> {
    const inFlight = refreshing.get(destination.id);
    if (inFlight) return inFlight;
    const run = async (): Promise<Result<TokenSet>> => {
      const current = await deps.store.get(destination.id);
      if (!current) return fail(signInRequired());
      // Someone (another lane, the options page) renewed it meanwhile: use theirs, spend nothing.
      if (current.accessToken !== stale.accessToken) return ok(current);
      return exchange(auth, destination, auth.refreshRequest(destination, current.refreshToken), send);
    };
    const flight = (deps.locks ? deps.locks.request(`keeplink-token-${destination.id}`, run) : run()).finally(() => refreshing.delete(destination.id));
    refreshing.set(destination.id, flight);
    return flight;
  }

  async function usable<D extends DestinationCommon>(auth: TokenAuth<D>, destination: D, send: Send): Promise<Result<TokenSet>> {
    const tokens = await deps.store.get(destination.id);
    if (!tokens) return fail(signInRequired());
    if (tokens.expiresAt - deps.now() > REFRESH_MARGIN_MS) return ok(tokens);
    return refresh(auth, destination, tokens, send);
  }

  return {
    async send(auth, destination, request, send) {
      const tokens = await usable(auth, destination, send);
      if (!tokens.ok) return tokens;
      const answer = await send(withToken(request, tokens.value.accessToken));
      if (!answer.ok || answer.value.status !== 401) return answer;
      // Expired or revoked early: renew once and resend once; the 401 created nothing.
      const renewed = await refresh(auth, destination, tokens.value, send);
      if (!renewed.ok) return renewed;
      return send(withToken(request, renewed.value.accessToken));
    },
    signIn: (auth, destination, password, send) => exchange(auth, destination, auth.passwordRequest(destination, password), send),
  };
}
