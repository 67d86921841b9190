// Owns reading the organization's policy (storage.managed). Schema-free, so first paints can list its destinations.
import { browser } from 'wxt/browser';

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
