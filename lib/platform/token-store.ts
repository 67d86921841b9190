// Owns the OAuth token sessions of one context: each destination's tokens under its own storage.local key, a Web Lock per destination.
import { browser } from 'wxt/browser';
import { createTokenSessions, type TokenSessions, type TokenSet, type TokenStore } from '../providers/token-session';
import { z } from '../zod';

// One key per destination, apart from the destinations list: no export or edit form ever reads them, and two
// destinations renewing at once never overwrite each other's new (single-use) refresh token.
const PREFIX = 'token:';
const keyOf = (destinationId: string) => `${PREFIX}${destinationId}`;

const tokenSetSchema = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresAt: z.number() });

export const tokenStore: TokenStore = {
  async get(destinationId) {
    const key = keyOf(destinationId);
    const parsed = tokenSetSchema.safeParse((await browser.storage.local.get(key))[key]);
    return parsed.success ? parsed.data : undefined;
  },
  async set(destinationId, tokens: TokenSet | undefined) {
    if (tokens) await browser.storage.local.set({ [keyOf(destinationId)]: tokens });
    else await browser.storage.local.remove(keyOf(destinationId));
  },
};

/** The destinations that hold tokens (the options form asks for the password only when there are none). */
export async function signedInIds(): Promise<Set<string>> {
  const all = await browser.storage.local.get(null);
  return new Set(Object.keys(all).flatMap((key) => (key.startsWith(PREFIX) ? [key.slice(PREFIX.length)] : [])));
}

/** Calls back when any destination's tokens change; returns the unsubscribe. */
export function onTokensChanged(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(PREFIX))) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export function createStoredTokenSessions(): TokenSessions {
  return createTokenSessions({
    store: tokenStore,
    now: () => Date.now(),
    locks: { request: async (name, callback) => (await navigator.locks.request(name, callback)) as Awaited<ReturnType<typeof callback>> },
  });
}
