// The one error shape of Keeplink. Errors cross the popup/worker boundary and are stored in
// the outbox, so they are plain objects recognised by `kind`, never class instances.
// Errors carry no sentences: the UI turns `code` (+ details) into localized text (lib/ gets any words it needs injected).

export type ErrorCode =
  // capture / input
  | 'url-not-web'
  | 'url-invalid'
  | 'field-required'
  | 'field-too-long'
  | 'field-invalid'
  // destination settings
  | 'destination-missing'
  | 'insecure-base-url'
  | 'permission-missing'
  | 'permission-check-failed'
  | 'request-build-failed'
  // transport
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'cross-origin'
  // server answers
  | 'server-error'
  | 'service-unavailable'
  | 'rate-limited'
  | 'auth-missing'
  | 'auth-invalid'
  | 'auth-expired'
  | 'auth-disabled'
  /** OAuth tokens are gone (refresh refused, or never signed in): only the user's password can get new ones. */
  | 'auth-signin-required'
  | 'forbidden'
  | 'not-a-member'
  | 'plan-limit'
  | 'quota-exceeded'
  | 'workspace-not-found'
  | 'workspace-gone'
  | 'project-not-found'
  | 'project-gone'
  | 'not-found'
  | 'api-not-found'
  | 'key-scope'
  | 'bookmark-quota'
  | 'bad-request'
  | 'bad-domain'
  | 'unprocessable'
  | 'server-rejected'
  | 'not-api-response'
  | 'malformed-response'
  | 'response-too-large'
  | 'unexpected-status'
  // outbox
  | 'expired'
  | 'storage-quota'
  | 'storage-failed';

export interface KeeplinkError {
  kind: 'keeplink-error';
  code: ErrorCode;
  retryable: boolean;
  /** HTTP status, when a server answered. */
  status?: number;
  /** The server's own error code (e.g. Userplane's API_KEY_EXPIRED). */
  serverCode?: string;
  /** The server's own message, trimmed; never contains request headers. */
  serverMessage?: string;
  /** The capture or settings field at fault, for messages shown next to that field. */
  field?: string;
  details?: Record<string, string | number>;
}

const SERVER_MESSAGE_MAX = 300;

export function keeplinkError(
  code: ErrorCode,
  extra: Partial<Omit<KeeplinkError, 'kind' | 'code'>> = {},
): KeeplinkError {
  const error: KeeplinkError = { kind: 'keeplink-error', code, retryable: extra.retryable ?? false };
  if (extra.status !== undefined) error.status = extra.status;
  if (extra.serverCode) error.serverCode = extra.serverCode;
  if (extra.serverMessage) error.serverMessage = extra.serverMessage.slice(0, SERVER_MESSAGE_MAX);
  if (extra.field) error.field = extra.field;
  if (extra.details) error.details = extra.details;
  return error;
}

export function isKeeplinkError(value: unknown): value is KeeplinkError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'keeplink-error';
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KeeplinkError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: KeeplinkError): Result<T> => ({ ok: false, error });
