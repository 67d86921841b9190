// Owns the one path from user input to a capture a destination will accept: tracking stripped, then built once
// against that destination's limits.
import { buildCapture, type Capture, type CaptureInput } from './capture';
import type { Result } from './errors';
import { isTrackingParam } from './outbox/normalize-url';
import { limitsFor, type Destination } from './providers';

/** Drops known tracking parameters (utm_*, fbclid, …); ShortPen's UTM fields are added later, on purpose. */
export function stripTrackingParams(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  const names = [...new Set(url.searchParams.keys())].filter(isTrackingParam);
  if (!names.length) return raw;
  for (const name of names) url.searchParams.delete(name);
  return url.href;
}

export interface PrepareOptions {
  stripTracking: boolean;
}

/**
 * Builds the capture against the destination's own limits, so a value over one is reported at its field now,
 * before anything is queued; the request itself is built only when the flush sends it.
 */
export function prepareCapture(input: CaptureInput, destination: Destination, options: PrepareOptions): Result<Capture> {
  const page = options.stripTracking ? { ...input.page, url: stripTrackingParams(input.page.url) } : input.page;
  return buildCapture({ ...input, page, destinationId: destination.id }, undefined, limitsFor(destination));
}
