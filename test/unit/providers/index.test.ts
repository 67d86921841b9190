// The registry: every provider registered under its id, in UI order, and one schema for any stored destination.
import { describe, expect, it } from 'vitest';
import { buildRequestFor, destinationSchema, getProvider, providerIds, providers } from '../../../lib/providers';
import { destinations, makeCapture } from '../../contracts/fixtures';

describe('provider registry', () => {
  it('lists every service in UI order, each registered under its own id', () => {
    expect(providerIds).toEqual(['sharely', 'shortpen', 'userplane', 'poozle', 'link-action', 'linkding', 'karakeep', 'linkwarden', 'wallabag', 'webhook']);
    expect(Object.keys(providers).sort()).toEqual([...providerIds].sort());
    for (const id of providerIds) expect(getProvider(id).id).toBe(id);
  });

  it('offers a default base URL only where the spec names a host', () => {
    expect(providerIds.map((id) => getProvider(id).defaultBaseUrl)).toEqual([
      'https://api.sharely.ai',
      'https://api.shortpen.com',
      'https://api.userplane.io/api/v1',
      undefined,
      undefined,
      // self-hosted services and webhooks: always the user's own address
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(providerIds.map((id) => getProvider(id).apiKeyRequired)).toEqual([true, true, true, false, false, true, true, true, true, false]);
  });

  it('destinationSchema accepts every fixture destination and picks the variant by provider', () => {
    for (const id of providerIds) expect(destinationSchema.safeParse(destinations[id]).success).toBe(true);
    expect(destinationSchema.safeParse({ ...destinations.sharely, provider: 'shortpen' }).success).toBe(false);
    expect(destinationSchema.safeParse({ ...destinations.sharely, provider: 'unknown' }).success).toBe(false);
  });

  it('buildRequestFor dispatches on the destination', () => {
    const result = buildRequestFor(makeCapture(), destinations.shortpen);
    expect(result.ok && result.value.url).toBe('https://api.shortpen.com/v1/generate');
  });
});
