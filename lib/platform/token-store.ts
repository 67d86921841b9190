// Owns the OAuth token sessions of one context, backed by storage.local and a Web Lock per destination.
import { createTokenSessions, type TokenSessions, type TokenSet, type TokenStore } from '../providers/token-session';
import { z } from '../zod';
import { tokensItem } from './storage';

const tokenSetSchema = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresAt: z.number() });

export const tokenStore: TokenStore = {
  async get(destinationId) {
    const parsed = tokenSetSchema.safeParse((await tokensItem.getValue())[destinationId]);
    return parsed.success ? parsed.data : undefined;
  },
  async set(destinationId, tokens: TokenSet | undefined) {
    const { [destinationId]: _old, ...others } = await tokensItem.getValue();
    await tokensItem.setValue(tokens ? { ...others, [destinationId]: tokens } : others);
  },
};

/** Whether a destination has tokens (the options form asks for the password only when it has none). */
export async function signedInIds(): Promise<Set<string>> {
  return new Set(Object.keys(await tokensItem.getValue()));
}

export function createStoredTokenSessions(): TokenSessions {
  return createTokenSessions({
    store: tokenStore,
    now: () => Date.now(),
    locks: { request: async (name, callback) => (await navigator.locks.request(name, callback)) as Awaited<ReturnType<typeof callback>> },
  });
}
