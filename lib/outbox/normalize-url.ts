// Owns URL normalisation for the already-saved check, and the list of tracking parameters.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_eid',
  'mc_cid',
  'igshid',
  '_hsenc',
  '_hsmi',
  'yclid',
  'ref_src',
]);

/** Whether a query parameter only tracks the visitor (utm_*, fbclid, …), so it never changes the page. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * Two captures of the same page get the same key: lower-case host, no default port, no fragment,
 * no lone trailing slash, sorted query, tracking parameters ignored. Scheme and path case are kept,
 * because servers may treat them as different pages. A string that is not a URL is returned trimmed.
 */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  // URL already lower-cases the host and drops the scheme's default port.
  const params = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  params.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const query = new URLSearchParams(params).toString();
  const path = url.pathname.endsWith('/') && !url.pathname.endsWith('//') ? url.pathname.slice(0, -1) : url.pathname;
  // Userinfo never identifies the page (captures strip it anyway).
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
