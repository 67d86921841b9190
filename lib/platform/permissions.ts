// Owns host-permission checks for destinations; fakeBrowser lacks `permissions`, so tests inject these functions.
import { browser } from 'wxt/browser';
import { originPattern } from '../origin';

const patternFor = (baseUrl: string) => originPattern(baseUrl, { withPort: !import.meta.env.FIREFOX });

export function hasDestinationPermission(baseUrl: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [patternFor(baseUrl)] });
}

/** Must be called synchronously from a click handler (no await before it), or Chrome refuses. */
export function requestDestinationPermission(baseUrl: string): Promise<boolean> {
  return browser.permissions.request({ origins: [patternFor(baseUrl)] });
}

export function onPermissionsAdded(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  return () => browser.permissions.onAdded.removeListener(listener);
}

/** A host permission taken back (browser settings, or another page): the list must offer the grant again. */
export function onPermissionsRemoved(listener: () => void): () => void {
  browser.permissions.onRemoved.addListener(listener);
  return () => browser.permissions.onRemoved.removeListener(listener);
}
