// A typed client for the sandbox control routes the chaos scenario uses: chaos plan, hold point, requests, stats.
import type { ChaosPlan } from '../../sandbox/faults';
import type { HoldStatus } from '../../sandbox/hold';
import type { ListedRequest, SandboxStats } from '../../sandbox/records';

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
  };
}
