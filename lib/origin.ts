// Owns a destination's base URL rules: https (http for loopback only), path joining, and origin patterns. Schema-free.
import { fail, keeplinkError, ok, type Result } from './errors';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/**
 * A base URL must be https, or http on localhost/127.0.0.1 only, so a key never travels in clear
 * text. No query, fragment or userinfo. A trailing slash is dropped; a path prefix is kept.
 */
export function checkBaseUrl(raw: string): Result<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(keeplinkError('field-invalid', { field: 'baseUrl' }));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return fail(keeplinkError('insecure-base-url', { field: 'baseUrl' }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(keeplinkError('field-invalid', { field: 'baseUrl' }));
  }
  if (url.username || url.password || url.search || url.hash) {
    return fail(keeplinkError('field-invalid', { field: 'baseUrl' }));
  }
  return ok(url.href.replace(/\/+$/, ''));
}

/** Joins base URL + documented path, keeping any path prefix of the base (Userplane's /api/v1). */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The match pattern a destination needs host permission for, e.g. "https://api.sharely.ai/*". Chrome takes an
 * explicit port ("http://127.0.0.1:8787/*"), which a grant for every port also covers; Firefox patterns take none.
 */
export function originPattern(baseUrl: string, options: { withPort: boolean }): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${options.withPort ? url.host : url.hostname}/*`;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}
