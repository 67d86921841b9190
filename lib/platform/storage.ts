// Owns the storage.local items; never the synced area, because they hold API keys.
import { storage } from 'wxt/utils/storage';

/** Raw stored destinations; read through parseDestinations (lib/settings.ts) so every read is validated. */
export const destinationsItem = storage.defineItem<unknown[]>('local:destinations', {
  fallback: [],
  version: 1,
});

export const preferencesItem = storage.defineItem<Record<string, unknown>>('local:preferences', {
  fallback: {},
  version: 1,
});

/** Storage keys as the raw browser.storage API sees them (the popup reads them without WXT's wrapper). */
export const STORAGE_KEYS = { destinations: 'destinations', preferences: 'preferences' } as const;
