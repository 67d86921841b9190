// Owns the request side every provider shares: headers, request URLs, the page URI and the last gate before a body leaves.
import type { Capture, Page } from '../capture';
import { fail, keeplinkError, ok, type KeeplinkError, type Result } from '../errors';
import { joinUrl } from '../origin';
import { webUri } from '../web-url';
import { z } from '../zod';
import type { Parser, ProviderRequest } from './types';

/** `scheme` is the Authorization keyword the service documents (linkding's is `Token`). */
export function requestHeaders(apiKey: string, scheme: 'Bearer' | 'Token' = 'Bearer'): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = apiKey.trim();
  if (key) headers.authorization = `${scheme} ${key}`;
  return headers;
}

/**
 * The capture's page URL as the RFC 3986 URI requests carry. The capture was URL-checked when it was built, so
 * this only escapes what browsers leave unescaped.
 */
export function pageUri(capture: Capture): string {
  return webUri(capture.page.url);
}

/**
 * An id that is safe as one path segment: never "." or "..", which a server or proxy would resolve into
 * another route (`/workspace/../links`), and none of the characters that end or split a segment.
 */
export function isSafePathId(value: string): boolean {
  if (!value || value === '.' || value === '..' || /[/\\?#]/.test(value)) return false;
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    // A lone surrogate has no UTF-8 form to encode.
    return false;
  }
}

/** The issue message the options form turns into its "not a usable id" text. */
export const PATH_ID_ISSUE = 'path-id';

/** Every provider-specific id (workspace, domain, link…): trimmed, non-empty and safe as a path segment. */
export const providerIdSchema = z.string().check(z.trim(), z.minLength(1), z.refine(isSafePathId, { error: PATH_ID_ISSUE }));

/**
 * The one builder of every request URL: the base URL joined with the documented path, each `{name}` filled
 * with its id, encoded. An unsafe id is reported at its settings field instead of reaching the server.
 */
export function apiUrl(baseUrl: string, template: string, ids: Record<string, string> = {}): Result<string> {
  let problem: KeeplinkError | undefined;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name] ?? '';
    if (isSafePathId(id)) return encodeURIComponent(id);
    problem ??= keeplinkError('field-invalid', { field: name, details: { issue: PATH_ID_ISSUE } });
    return '';
  });
  return problem ? fail(problem) : ok(joinUrl(baseUrl, path));
}

/** The page's host, used as a name when the title is blank. */
export function hostOf(uri: string): string {
  return new URL(uri).host;
}

const PAGE_METADATA_KEYS = ['canonicalUrl', 'description', 'siteName', 'imageUrl', 'lang', 'selection', 'sourceUrl'] as const;

/** The page facts a capture carries beyond url and title (a built capture has no blank ones). */
export function pageMetadata(page: Page): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PAGE_METADATA_KEYS) {
    const value = page[key];
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The last gate before a body leaves: it must pass the provider's own request schema (mirroring the
 * published contract). A body that fails is never returned; the builder has a bug or the settings are bad.
 * `endpoint` is apiUrl's answer, so an unsafe id stops the request before its body is looked at.
 */
export function finishRequest<T>(schema: Parser<T>, endpoint: Result<string>, apiKey: string, body: T, scheme?: 'Bearer' | 'Token'): Result<ProviderRequest> {
  if (!endpoint.ok) return endpoint;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    return fail(keeplinkError('field-invalid', { details: { path: path.join('.'), issue: issue?.code ?? 'invalid' } }));
  }
  return ok({ method: 'POST', url: endpoint.value, headers: requestHeaders(apiKey, scheme), body });
}

/** A read-only request (Check connection, a picker's list): it has no body, so it creates nothing. */
export function readRequest(endpoint: Result<string>, headers: Record<string, string>, method: 'GET' | 'HEAD' = 'GET'): Result<ProviderRequest> {
  return endpoint.ok ? ok({ method, url: endpoint.value, headers, body: undefined }) : endpoint;
}
