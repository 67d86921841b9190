// The five destinations the bench configures, one per provider, all pointing at the local sandbox.
import { destinationSchema, type Destination } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';
import type { ChromeApi, Harness } from '../e2e/harness/launch';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls } from '../sandbox/server';

declare const chrome: ChromeApi;

const benchId = (provider: ProviderId) => `bench-${provider}`;

/**
 * `sandboxUrl(provider)` is the sandbox serving that destination: real destinations are separate servers,
 * each with its own connection pool in the browser. Validated with the schema Keeplink reads its storage
 * with, so a drifted shape fails here, not silently.
 */
export function sandboxDestinations(sandboxUrl: (provider: ProviderId) => string): Destination[] {
  const common = (provider: ProviderId) => ({
    id: benchId(provider),
    name: `Bench ${provider}`,
    baseUrl: sandboxBaseUrls(sandboxUrl(provider))[provider],
    apiKey: SANDBOX_KEYS[provider],
  });
  return [
    { ...common('sharely'), provider: 'sharely', workspaceId: SANDBOX_IDS.sharely.workspaceId },
    { ...common('shortpen'), provider: 'shortpen', domainId: SANDBOX_IDS.shortpen.domainId },
    { ...common('userplane'), provider: 'userplane', workspaceId: SANDBOX_IDS.userplane.workspaceId, domainId: SANDBOX_IDS.userplane.domainId },
    { ...common('poozle'), provider: 'poozle', workspaceId: SANDBOX_IDS.poozle.workspaceId, categories: ['TICKETING'], expiresIn: 86_400 },
    { ...common('link-action'), provider: 'link-action', linkId: SANDBOX_IDS['link-action'].linkId, specificationId: SANDBOX_IDS['link-action'].specificationId },
  ].map((destination) => {
    const parsed = destinationSchema.safeParse(destination);
    if (!parsed.success) throw new Error(`bench destination ${destination.provider} is invalid`);
    return parsed.data;
  });
}

/** Writes the destinations (and the default one) to storage.local, as the options page would. */
export async function storeDestinations(harness: Harness, destinations: Destination[]): Promise<void> {
  await harness.evalInExtension(
    (stored) => chrome.storage.local.set({ destinations: stored, preferences: { defaultDestinationId: stored[0]?.id } }),
    destinations,
  );
}
