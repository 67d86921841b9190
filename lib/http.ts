// Owns sending one provider request: origin and scheme guards, no redirects, a timeout, the whole answer read.
import { isLoopbackHost } from './origin';
import { fail, keeplinkError, ok, type Result } from './errors';
import type { HttpAnswer, ProviderRequest } from './providers/types';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface SendOptions {
  fetch: FetchLike;
  timeoutMs: number;
  /** The outbox record id, so a server that supports it can drop a replay. */
  idempotencyKey: string;
  /** The destination's origin (or base URL): the only place its key may go. */
  allowedOrigin: string;
}

/**
 * Sends once and reads the body fully, within `timeoutMs`. Never follows a redirect (status 0 for
 * the opaque answer), so a key is never carried to another origin. Errors carry codes only: no
 * headers, no key, no body of ours.
 */
export async function sendRequest(request: ProviderRequest, options: SendOptions): Promise<Result<HttpAnswer>> {
  let url: URL;
  let allowed: string;
  try {
    url = new URL(request.url);
    allowed = new URL(options.allowedOrigin).origin;
  } catch {
    return fail(keeplinkError('field-invalid', { field: 'baseUrl' }));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return fail(keeplinkError('insecure-base-url', { field: 'baseUrl' }));
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(keeplinkError('field-invalid', { field: 'baseUrl' }));
  if (url.origin !== allowed) return fail(keeplinkError('cross-origin', { field: 'baseUrl' }));

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['idempotency-key'] = options.idempotencyKey;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced rather than trusted to the signal, so a fetch or body that ignores the abort still ends on time.
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DOMException('timeout', 'TimeoutError'));
    }, options.timeoutMs);
  });
  const settle = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => undefined);
    return Promise.race([work, deadline]);
  };
  try {
    const response = await settle(
      options.fetch(url.href, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      }),
    );
    if (response.type === 'opaqueredirect') return ok({ status: 0, headers: {}, bodyText: '' });
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      answerHeaders[name.toLowerCase()] = value;
    });
    const bodyText = await settle(response.text());
    return ok({ status: response.status, headers: answerHeaders, bodyText });
  } catch {
    return fail(keeplinkError(controller.signal.aborted ? 'timeout' : 'network', { retryable: true }));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds ("120") or an HTTP date. Undefined when
 * absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates start with a day name; Date.parse alone would also read "1.5" as a date.
  if (!/^(mon|tue|wed|thu|fri|sat|sun)/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
