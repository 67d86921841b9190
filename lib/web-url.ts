// Owns the rule "only http(s) pages are capturable". Schema-free so the popup's first paint can use it.
import { fail, keeplinkError, ok, type Result } from './errors';

export const URL_MAX = 8192;

/**
 * Accepts only http(s) URLs and strips userinfo, so a `user:pass@` never reaches a server.
 * The error says what the tab is, e.g. url-not-web with details.url = "chrome://settings".
 */
export function checkWebUrl(raw: string): Result<string> {
  const trimmed = raw.trim();
  if (!trimmed) return fail(keeplinkError('field-required', { field: 'url' }));
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail(keeplinkError('url-invalid', { field: 'url', details: { url: shorten(trimmed) } }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(keeplinkError('url-not-web', { field: 'url', details: { url: describeNonWeb(url) } }));
  }
  if (!url.hostname) return fail(keeplinkError('url-invalid', { field: 'url', details: { url: shorten(trimmed) } }));
  url.username = '';
  url.password = '';
  const clean = url.href;
  if (clean.length > URL_MAX) {
    return fail(keeplinkError('field-too-long', { field: 'url', details: { max: URL_MAX, length: clean.length } }));
  }
  return ok(clean);
}

/**
 * Whether a tab's document is a web page that scripts may read. Extension pages (moz-extension:,
 * chrome-extension:), about:, chrome: and file: documents are never scripted: Firefox deprecates content
 * scripts in moz-extension documents, and their metadata is not the user's page anyway.
 */
export function isScriptablePage(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\//i.test(url);
}

/** chrome://settings/people → "chrome://settings"; data:, javascript: and blob: URLs are never echoed whole. */
function describeNonWeb(url: URL): string {
  if (url.protocol === 'data:' || url.protocol === 'javascript:' || url.protocol === 'blob:') return url.protocol;
  if (url.host) return `${url.protocol}//${url.host}`;
  return shorten(url.href);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// RFC 3986 characters allowed in path, query and fragment (plus "%" when it starts an escape).
const NOT_URI_CHAR = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu;

function escapeUriPart(part: string): string {
  return part.replace(NOT_URI_CHAR, (char) => encodeURIComponent(char));
}

/**
 * A checked web URL as an RFC 3986 URI. Browsers leave "|", "^", "[", a bare "%" and the like unescaped in
 * href, which servers validating `format: uri` reject; escaping them keeps the same address.
 */
export function webUri(checkedUrl: string): string {
  const url = new URL(checkedUrl);
  const fragment = url.hash ? `#${escapeUriPart(url.hash.slice(1))}` : '';
  return `${url.protocol}//${url.host}${escapeUriPart(url.pathname)}${escapeUriPart(url.search)}${fragment}`;
}
