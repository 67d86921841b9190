// Owns what "Check connection" names as the cause: the browsers' network error strings (webRequest.onErrorOccurred)
// and the check's answer, turned into one cause the options page has a sentence for.
import type { ErrorCode } from './errors';

/** What a failed request's network error says, as far as the user can act on it. */
export type NetCause = 'dns' | 'refused' | 'timeout' | 'tls' | 'closed' | 'offline' | 'blocked';

/** Every cause "Check connection" has its own sentence for. */
export type CheckCause =
  | 'permission'
  | NetCause
  | 'https-only'
  | 'unreachable'
  | 'base-path'
  | 'proxy-html'
  | 'redirect'
  | 'bad-key'
  | 'rejected';

// Chrome reports net::ERR_*, Firefox NS_ERROR_*, and NSS/PKIX names for certificates. Order matters: first match wins.
const NET_CAUSES: ReadonlyArray<readonly [RegExp, NetCause]> = [
  [/^net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_)/, 'dns'],
  [/^NS_ERROR_UNKNOWN_HOST$/, 'dns'],
  [/^net::ERR_(CONNECTION_REFUSED|ADDRESS_UNREACHABLE)$/, 'refused'],
  [/^NS_ERROR_CONNECTION_REFUSED$/, 'refused'],
  [/^net::ERR_(CONNECTION_TIMED_OUT|TIMED_OUT)$/, 'timeout'],
  [/^NS_ERROR_NET_TIMEOUT$/, 'timeout'],
  [/^net::ERR_(CERT_|SSL_)/, 'tls'],
  [/^(SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX_ERROR_)/, 'tls'],
  [/^NS_ERROR_(GENERATE_FAILURE|NET_INADEQUATE_SECURITY)/, 'tls'],
  [/^net::ERR_(EMPTY_RESPONSE|INVALID_HTTP_RESPONSE|CONNECTION_RESET|CONNECTION_CLOSED|RESPONSE_HEADERS_TRUNCATED)$/, 'closed'],
  [/^NS_ERROR_(NET_RESET|NET_INTERRUPT|NET_PARTIAL_TRANSFER)$/, 'closed'],
  [/^net::ERR_INTERNET_DISCONNECTED$/, 'offline'],
  [/^NS_ERROR_OFFLINE$/, 'offline'],
  // CORS and other extensions' blocks end in a generic failure before any answer is read.
  [/^net::ERR_(FAILED|BLOCKED_BY_CLIENT|BLOCKED_BY_ADMINISTRATOR|BLOCKED_BY_RESPONSE)$/, 'blocked'],
  [/^NS_ERROR_(DOM_BAD_URI|ABORT)$/, 'blocked'],
];

export function netCauseOf(error: string): NetCause | undefined {
  return NET_CAUSES.find(([pattern]) => pattern.test(error))?.[1];
}

/** What the page watching the check's request saw of it. */
export interface SeenRequest {
  /** webRequest's error string, when the request failed. */
  error?: string;
  /** The Location of a redirect answer (fetch hides it: redirects are never followed). */
  location?: string;
}

/** A plain-http request that a server answers only by moving to https, or by closing on (it speaks TLS there). */
function httpsOnly(requestUrl: string, seen: SeenRequest, cause: NetCause | undefined): boolean {
  if (new URL(requestUrl).protocol !== 'http:') return false;
  if (cause === 'closed') return true;
  return seen.location !== undefined && URL.canParse(seen.location, requestUrl) && new URL(seen.location, requestUrl).protocol === 'https:';
}

/** The cause of a request that got no answer: the network error names it, else it stays "unreachable". */
export function transportCause(requestUrl: string, code: ErrorCode, seen: SeenRequest): CheckCause {
  if (code === 'timeout') return 'timeout';
  const cause = seen.error === undefined ? undefined : netCauseOf(seen.error);
  if (httpsOnly(requestUrl, seen, cause)) return 'https-only';
  // "closed" on https is a server that hung up, which the generic sentence covers.
  return cause === undefined || cause === 'closed' ? 'unreachable' : cause;
}

/** The cause of an answer the check could not accept. */
export function answerCause(requestUrl: string, code: ErrorCode, seen: SeenRequest): CheckCause {
  switch (code) {
    case 'redirect':
      return httpsOnly(requestUrl, seen, undefined) ? 'https-only' : 'redirect';
    case 'api-not-found':
    case 'not-found':
      return 'base-path';
    case 'not-api-response':
      return 'proxy-html';
    case 'auth-invalid':
    case 'forbidden':
      return 'bad-key';
    default:
      return 'rejected';
  }
}

/** A redirect answer that only sends a plain-http request to https: the one answer a keyless probe must not call OK. */
export const redirectsToHttps = (requestUrl: string, seen: SeenRequest): boolean => httpsOnly(requestUrl, seen, undefined);
