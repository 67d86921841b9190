// A typed client for the sandbox control routes the chaos scenario uses: chaos plan, hold point, requests, stats.
import type { ChaosPlan } from '../../sandbox/faults';
import type { HoldStatus } from '../../sandbox/hold';
import type { ListedRequest, SandboxStats } from '../../sandbox/records';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls } from '../../sandbox/ids';
import type { TokenCall } from '../../sandbox/wallabag-server';

export type HoldView = HoldStatus & { requests: number; inFlight: string[] };

export interface ChaosSandboxClient {
  reset(): Promise<void>;
  setChaos(plan: ChaosPlan): Promise<void>;
  clearChaos(): Promise<void>;
  /** Freezes the sandbox once it has recorded `afterRequests` create requests. */
  holdAt(afterRequests: number): Promise<void>;
  hold(): Promise<HoldView>;
  release(): Promise<number>;
  requests(): Promise<ListedRequest[]>;
  stats(): Promise<SandboxStats>;
  /** wallabag's password grant over its real token route, as the options page signs in; the tokens as Keeplink stores them. */
  wallabagSignIn(): Promise<{ accessToken: string; refreshToken: string; expiresAt: number }>;
  /** Every wallabag access token expires now; the client still believes its own valid. */
  expireWallabagTokens(): Promise<void>;
  wallabagTokenCalls(): Promise<TokenCall[]>;
}

export function chaosSandboxClient(sandboxUrl: string): ChaosSandboxClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    reset: async () => void (await call('POST', '/reset')),
    setChaos: async (plan) => void (await call('POST', '/chaos', plan)),
    clearChaos: async () => void (await call('DELETE', '/chaos')),
    holdAt: async (afterRequests) => void (await call('POST', '/hold', { afterRequests })),
    hold: () => call<HoldView>('GET', '/hold'),
    release: async () => (await call<{ released: number }>('DELETE', '/hold')).released,
    requests: () => call<ListedRequest[]>('GET', '/requests'),
    stats: () => call<SandboxStats>('GET', '/stats'),
    async wallabagSignIn() {
      const response = await fetch(`${sandboxBaseUrls(sandboxUrl).wallabag}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'password',
          client_id: SANDBOX_IDS.wallabag.clientId,
          client_secret: SANDBOX_KEYS.wallabag,
          username: SANDBOX_IDS.wallabag.username,
          password: SANDBOX_IDS.wallabag.password,
        }),
      });
      if (!response.ok) throw new Error(`wallabag sign-in: ${response.status} ${await response.text()}`);
      const tokens = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
    },
    expireWallabagTokens: async () => void (await call('POST', '/wallabag', { expireAccessTokens: true })),
    wallabagTokenCalls: async () => (await call<{ tokenCalls: TokenCall[] }>('GET', '/wallabag')).tokenCalls,
  };
}
