// The options page's real ops over fakeBrowser storage and the real outbox (fake IndexedDB); the browser parts
// fakeBrowser lacks (permissions, network, downloads) are spies the test can answer.
import { vi } from 'vitest';
import { createOptionsOps, type OptionsOps, type OptionsOpsDeps } from '../../entrypoints/options/ops';
import type { FetchLike } from '../../lib/http';
import { createOutbox } from '../../lib/outbox/outbox';
import { onManagedChanged, readManagedPolicy } from '../../lib/platform/managed';
import { destinationsItem, managedLocalItem, preferencesItem } from '../../lib/platform/storage';
import { onTokensChanged, signedInIds, tokenStore } from '../../lib/platform/token-store';
import { createTokenSessions } from '../../lib/providers/token-session';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export interface OptionsOpsFakes {
  hasPermission: ReturnType<typeof vi.fn<OptionsOpsDeps['hasPermission']>>;
  requestPermission: ReturnType<typeof vi.fn<OptionsOpsDeps['requestPermission']>>;
  fetch: ReturnType<typeof vi.fn<FetchLike>>;
  requestFlush: ReturnType<typeof vi.fn<() => void>>;
  download: ReturnType<typeof vi.fn<OptionsOpsDeps['download']>>;
}

/** The deps production wires; the fakes answer yes to permissions and fail every fetch unless told otherwise. */
export function optionsOpsDeps(overrides: Partial<Omit<OptionsOpsDeps, keyof OptionsOpsFakes>> = {}): OptionsOpsDeps & OptionsOpsFakes {
  let serial = 0;
  const fakes: OptionsOpsFakes = {
    hasPermission: vi.fn<OptionsOpsDeps['hasPermission']>(() => Promise.resolve(true)),
    requestPermission: vi.fn<OptionsOpsDeps['requestPermission']>(() => Promise.resolve(true)),
    fetch: vi.fn<FetchLike>(() => Promise.reject(new TypeError('no network in unit tests'))),
    requestFlush: vi.fn<() => void>(),
    download: vi.fn<OptionsOpsDeps['download']>(),
  };
  return {
    outbox: createOutbox(),
    destinations: destinationsItem,
    preferences: preferencesItem,
    tokens: createTokenSessions({ store: tokenStore, now: () => Date.now() }),
    tokenStore,
    signedInIds,
    onTokensChanged,
    timeoutMs: 15_000,
    newId: () => `new-${(serial += 1)}`,
    readPolicy: readManagedPolicy,
    onPolicyChanged: onManagedChanged,
    managedLocal: managedLocalItem,
    async clearAllData() {
      await fakeBrowser.storage.local.clear();
      await fakeBrowser.storage.session.clear();
    },
    ...fakes,
    ...overrides,
  };
}

export async function readyOptionsOps(deps: OptionsOpsDeps = optionsOpsDeps()): Promise<OptionsOps> {
  const ops = createOptionsOps(deps);
  await ops.ready;
  return ops;
}
