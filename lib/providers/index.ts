// The provider registry: the one list of destination services, keyed by id in the order the options form lists
// them, and everything derived from it (ids, the stored destination's type and schema, typed dispatch).
import { CAPTURE_LIMITS, type Capture, type CaptureLimits } from '../capture';
import type { Result } from '../errors';
import { karakeep } from './karakeep';
import { linkAction } from './link-action';
import { linkding } from './linkding';
import { linkwarden } from './linkwarden';
import { poozle } from './poozle';
import { sharely } from './sharely';
import { shortpen } from './shortpen';
import type { DestinationCommon, Parser, Provider, ProviderRequest } from './types';
import { userplane } from './userplane';
import { wallabag } from './wallabag';
import { webhook } from './webhook';

// `satisfies` proves each entry is the provider of its own key.
export const providers = {
  sharely,
  shortpen,
  userplane,
  poozle,
  'link-action': linkAction,
  // self-hosted bookmark services
  linkding,
  karakeep,
  linkwarden,
  wallabag,
  // any JSON endpoint
  webhook,
} satisfies { readonly [K in string]: { id: K } };

export type ProviderId = keyof typeof providers;

type SettingsOf<P> = P extends Provider<infer D, infer _T> ? D : never;
/** Any stored destination: the settings of one of the registered services. */
export type Destination = { [K in ProviderId]: SettingsOf<(typeof providers)[K]> }[ProviderId];
export type DestinationOf<K extends ProviderId> = Extract<Destination, { provider: K }>;
export type ProviderFor<K extends ProviderId> = Provider<DestinationOf<K>>;

/** The registry seen per id: the checked assignment proves each provider takes its own variant's settings. */
const registry: { readonly [K in ProviderId]: ProviderFor<K> } = providers;

export const isProviderId = (value: unknown): value is ProviderId => typeof value === 'string' && Object.hasOwn(providers, value);

/** Service ids in the order the options form lists them. */
export const providerIds: readonly ProviderId[] = Object.keys(providers).filter(isProviderId);

export function getProvider<K extends ProviderId>(id: K): ProviderFor<K> {
  return registry[id];
}

/**
 * Runs `use` with a destination's own provider. The generic K ties `providers[id]` to the destination's variant,
 * so the provider and its settings are checked against each other, with no cast.
 */
function dispatch<K extends ProviderId, R>(destination: DestinationOf<K>, use: <D extends DestinationCommon>(provider: Provider<D>, destination: D) => R): R {
  const id: K = destination.provider;
  const provider: ProviderFor<K> = registry[id];
  return use(provider, destination);
}

export function withProvider<R>(destination: Destination, use: <D extends DestinationCommon>(provider: Provider<D>, destination: D) => R): R {
  return dispatch(destination, use);
}

export function buildRequestFor(capture: Capture, destination: Destination): Result<ProviderRequest> {
  return withProvider(destination, (provider, own) => provider.buildRequest(capture, own));
}

/** The capture's own caps, tightened by the destination's spec, checked once when a capture is built for it. */
export function limitsFor(destination: Destination): CaptureLimits {
  const own = getProvider(destination.provider).limits ?? {};
  const out: CaptureLimits = { ...CAPTURE_LIMITS };
  for (const key of ['url', 'title', 'note', 'tag', 'tags', 'tagsText', 'description', 'selection'] as const) {
    const limit = own[key];
    const current = out[key];
    if (limit !== undefined) out[key] = current === undefined ? limit : Math.min(current, limit);
  }
  return out;
}

/** Any stored destination, validated by its own service's schema (picked by `provider`). */
export const destinationSchema: Parser<Destination> = {
  safeParse(value) {
    const id: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'provider') : undefined;
    if (!isProviderId(id)) {
      return { success: false, error: { issues: [{ path: ['provider'], code: 'invalid_union', message: 'Unknown service' }] } };
    }
    return providers[id].settingsSchema.safeParse(value);
  },
};
