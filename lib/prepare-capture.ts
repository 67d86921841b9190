// Owns the one path from user input to a capture a destination will accept: validate, clean, pre-check limits.
import { buildCapture, type Capture, type CaptureInput } from './capture';
import type { Result } from './errors';
import { isTrackingParam } from './outbox/normalize-url';
import { buildRequestFor, type Destination } from './providers';

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
 * Builds the capture and runs the destination's request builder once, so a value over a provider's
 * limit is reported at its field now, before anything is queued, instead of failing later.
 */
export function prepareCapture(input: CaptureInput, destination: Destination, options: PrepareOptions): Result<Capture> {
  const page = options.stripTracking ? { ...input.page, url: stripTrackingParams(input.page.url) } : input.page;
  const built = buildCapture({ ...input, page, destinationId: destination.id });
  if (!built.ok) return built;
  const request = buildRequestFor(built.value, destination);
  return request.ok ? built : request;
}
