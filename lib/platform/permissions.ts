// Owns host-permission checks; fakeBrowser lacks `permissions`, so tests inject this module's functions.
import { browser } from 'wxt/browser';

export function hasOriginPermission(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

/** Must be called synchronously from a click handler (no await before it), or Chrome refuses. */
export function requestOriginPermission(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

export function onPermissionsAdded(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  return () => browser.permissions.onAdded.removeListener(listener);
}
