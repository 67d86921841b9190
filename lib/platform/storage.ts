// Owns the storage.local items (never the synced area: they hold API keys), each versioned with real migrations.
// A few lines instead of WXT's storage wrapper, which costs ~3.6 KB gzip in every bundle that reads settings.
import { browser } from 'wxt/browser';

export interface StorageItem<T> {
  key: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with (after, before) on every change from any context; returns the unsubscribe. */
  watch(callback: (after: T, before: T) => void): () => void;
}

interface ItemOptions<T> {
  fallback: T;
  version: number;
  /** migrations[n] turns a version n-1 value into version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

/** The version is kept beside the value under `${key}$`, as WXT's storage did, so existing data keeps its version. */
export function defineLocalItem<T>(key: string, options: ItemOptions<T>): StorageItem<T> {
  const metaKey = `${key}$`;
  const orFallback = (value: unknown) => (value === undefined || value === null ? options.fallback : (value as T));
  let migrated: Promise<void> | undefined;

  const migrate = async () => {
    const stored = await browser.storage.local.get([key, metaKey]);
    const meta = stored[metaKey] as { v?: number } | undefined;
    let version = meta?.v ?? (stored[key] === undefined ? options.version : 1);
    if (version >= options.version) return;
    let value: unknown = stored[key];
    while (version < options.version) {
      version++;
      const step = options.migrations?.[version];
      if (step) value = step(value);
    }
    await browser.storage.local.set({ [key]: value, [metaKey]: { v: version } });
  };

  return {
    key,
    async getValue() {
      await (migrated ??= migrate());
      return orFallback((await browser.storage.local.get(key))[key]);
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value, [metaKey]: { v: options.version } });
    },
    watch(callback) {
      const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
        const change = changes[key];
        if (area === 'local' && change) callback(orFallback(change.newValue), orFallback(change.oldValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Raw stored destinations; read through parseDestinations (lib/settings.ts) so every read is validated. */
export const destinationsItem = defineLocalItem<unknown[]>('destinations', { fallback: [], version: 1 });

export const preferencesItem = defineLocalItem<Record<string, unknown>>('preferences', { fallback: {}, version: 1 });

/** What the user keeps for the policy's destinations (a key left to them, edits of unlocked ones); see managed-settings.ts. */
export const managedLocalItem = defineLocalItem<Record<string, unknown>>('managedLocal', { fallback: {}, version: 1 });
