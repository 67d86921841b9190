// The provider registry: every destination service by id, and the one schema of a stored destination.
import type { Capture } from '../capture';
import type { Result } from '../errors';
import { z } from '../zod';
import { linkAction, linkActionSettingsSchema } from './link-action';
import { karakeep, karakeepSettingsSchema } from './karakeep';
import { linkding, linkdingSettingsSchema } from './linkding';
import { linkwarden, linkwardenSettingsSchema } from './linkwarden';
import { poozle, poozleSettingsSchema } from './poozle';
import { sharely, sharelySettingsSchema } from './sharely';
import { shortpen, shortpenSettingsSchema } from './shortpen';
import type { Provider, ProviderId, ProviderRequest } from './types';
import { userplane, userplaneSettingsSchema } from './userplane';
import { wallabag, wallabagSettingsSchema } from './wallabag';
import { webhook, webhookSettingsSchema } from './webhook';

/** Service ids in the order the options form lists them. */
export const providerIds = [
  'sharely',
  'shortpen',
  'userplane',
  'poozle',
  'link-action',
  // self-hosted bookmark services
  'linkding',
  'karakeep',
  'linkwarden',
  'wallabag',
  // any JSON endpoint
  'webhook',
] as const satisfies readonly ProviderId[];

export const isProviderId = (value: unknown): value is ProviderId => providerIds.some((id) => id === value);

export const destinationSchema = z.discriminatedUnion('provider', [
  sharelySettingsSchema,
  shortpenSettingsSchema,
  userplaneSettingsSchema,
  poozleSettingsSchema,
  linkActionSettingsSchema,
  // self-hosted bookmark services
  linkdingSettingsSchema,
  karakeepSettingsSchema,
  linkwardenSettingsSchema,
  webhookSettingsSchema,
  wallabagSettingsSchema,
]);
export type Destination = z.infer<typeof destinationSchema>;

export type DestinationOf<K extends ProviderId> = Extract<Destination, { provider: K }>;
export type ProviderFor<K extends ProviderId> = Provider<DestinationOf<K>>;

export const providers: { readonly [K in ProviderId]: ProviderFor<K> } = {
  sharely,
  shortpen,
  userplane,
  poozle,
  'link-action': linkAction,
  // self-hosted bookmark services
  linkding,
  karakeep,
  linkwarden,
  webhook,
  wallabag,
};

export function getProvider<K extends ProviderId>(id: K): ProviderFor<K> {
  return providers[id];
}

/**
 * buildRequest for any stored destination. TypeScript cannot tie `providers[d.provider]` to `d`'s own
 * variant, so the one cast lives here: the registry maps each id to the provider of that variant.
 */
export function buildRequestFor(capture: Capture, destination: Destination): Result<ProviderRequest> {
  const provider = providers[destination.provider] as Provider<Destination>;
  return provider.buildRequest(capture, destination);
}
