// Owns reading the organization's policy (storage.managed) and the one merged view of settings built on it.
import { browser } from 'wxt/browser';
import { mergeSettings, type MergedSettings } from '../managed-settings';
import { destinationsItem, managedLocalItem, preferencesItem } from './storage';

/**
 * The policy as the browser holds it, or {} when there is none. Firefox rejects when no policies.json names the
 * extension, and a Chromium without the schema or in some contexts throws: no policy is never an error.
 */
export async function readManagedPolicy(): Promise<unknown> {
  try {
    return (await browser.storage.managed.get()) ?? {};
  } catch {
    return {};
  }
}

/** Calls back when the admin changes the policy (Chromium re-reads it while running); returns the unsubscribe. */
export function onManagedChanged(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export async function loadMergedSettings(): Promise<MergedSettings> {
  const [policy, destinations, preferences, managedLocal] = await Promise.all([
    readManagedPolicy(),
    destinationsItem.getValue(),
    preferencesItem.getValue(),
    managedLocalItem.getValue(),
  ]);
  return mergeSettings({ policy, destinations, preferences, managedLocal });
}
