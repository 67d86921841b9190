// Owns what all providers share: headers, value checks, reading an HTTP answer, and DESIGN.md's status table.
import type { Capture, Page } from '../capture';
import { fail, keeplinkError, ok, type ErrorCode, type KeeplinkError, type Result } from '../errors';
import { parseRetryAfter } from '../http';
import { joinUrl } from '../origin';
import { checkWebUrl } from '../web-url';
import { z } from '../zod';
import type { DeliveryResult, HttpAnswer, Outcome, Parser, ProviderRequest } from './types';

/** A 2xx that delivered nothing (a proxy's HTML page, ShortPen's success: false) is retried this often, then the destination pauses. */
export const NOT_API_PAUSE_AFTER = 3;

// ---------------------------------------------------------------- request side

/** `scheme` is the Authorization keyword the service documents (linkding's is `Token`). */
export function requestHeaders(apiKey: string, scheme: 'Bearer' | 'Token' = 'Bearer'): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = apiKey.trim();
  if (key) headers.authorization = `${scheme} ${key}`;
  return headers;
}

/** The trimmed value, or undefined when blank: optional values are omitted, never sent as "". */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function tooLong(field: string, value: string | undefined, max: number): KeeplinkError | undefined {
  if (value === undefined || value.length <= max) return undefined;
  return keeplinkError('field-too-long', { field, details: { max, length: value.length } });
}

// RFC 3986 characters allowed in path, query and fragment (plus "%" when it starts an escape).
const NOT_URI_CHAR = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu;

function escapeUriPart(part: string): string {
  return part.replace(NOT_URI_CHAR, (char) => encodeURIComponent(char));
}

/**
 * The capture's page URL as an RFC 3986 URI. Browsers leave "|", "^", "[", a bare "%" and the like
 * unescaped in href, which servers validating `format: uri` reject; escaping them keeps the same address.
 */
export function pageUri(capture: Capture): Result<string> {
  const checked = checkWebUrl(capture.page.url);
  if (!checked.ok) return checked;
  const url = new URL(checked.value);
  const fragment = url.hash ? `#${escapeUriPart(url.hash.slice(1))}` : '';
  return ok(`${url.protocol}//${url.host}${escapeUriPart(url.pathname)}${escapeUriPart(url.search)}${fragment}`);
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

/** The page facts a capture carries beyond url and title, blank ones left out. */
export function pageMetadata(page: Page): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PAGE_METADATA_KEYS) {
    const value = present(page[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The last gate before a body leaves: it must pass the provider's own request schema (mirroring the
 * published contract). A body that fails is never returned; the builder has a bug or the settings are bad.
 */
export function finishRequest<T>(schema: Parser<T>, url: string, apiKey: string, body: T, scheme?: 'Bearer' | 'Token'): Result<ProviderRequest> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    return fail(keeplinkError('field-invalid', { details: { path: path.join('.'), issue: issue?.code ?? 'invalid' } }));
  }
  return ok({ method: 'POST', url, headers: requestHeaders(apiKey, scheme), body });
}

// ---------------------------------------------------------------- answer side

/** The fields Keeplink reads from any provider's error body. */
export interface ServerErrorFields {
  message?: string | undefined;
  code?: string | undefined;
  /** The capture field the server blamed (linkding keys its 400 by field). */
  field?: string | undefined;
}

export type JsonRead = { kind: 'json'; value: unknown } | { kind: 'not-json' } | { kind: 'broken-json' };

export function readJson(answer: HttpAnswer): JsonRead {
  const type = (answer.headers['content-type'] ?? '').toLowerCase();
  const declaredJson = /[/+]json\b/.test(type);
  if (type.includes('html')) return { kind: 'not-json' };
  try {
    return { kind: 'json', value: JSON.parse(answer.bodyText) as unknown };
  } catch {
    // A body the server itself labelled JSON came from the API, which then did act on the request.
    return declaredJson ? { kind: 'broken-json' } : { kind: 'not-json' };
  }
}

function retryAfterOf(answer: HttpAnswer): number | undefined {
  // The server's own Date header is the right "now" for its HTTP date, whatever the local clock says.
  const serverNow = Date.parse(answer.headers.date ?? '');
  return parseRetryAfter(answer.headers['retry-after'], Number.isNaN(serverNow) ? Date.now() : serverNow);
}

function serverErrorFields(answer: HttpAnswer, schema: Parser<ServerErrorFields>): ServerErrorFields {
  const read = readJson(answer);
  if (read.kind !== 'json') return {};
  const parsed = schema.safeParse(read.value);
  return parsed.success ? parsed.data : {};
}

function serverError(code: ErrorCode, retryable: boolean, answer: HttpAnswer, server: ServerErrorFields): KeeplinkError {
  return keeplinkError(code, {
    retryable,
    ...(answer.status ? { status: answer.status } : {}),
    // Kept for display only (classification has read it by now), so a cut code still helps the user.
    ...(server.code ? { serverCode: server.code.slice(0, RESULT_LIMITS.serverCode) } : {}),
    ...(server.message ? { serverMessage: server.message.trim() } : {}),
    ...(server.field ? { field: server.field } : {}),
  });
}

function retryOutcome(code: ErrorCode, answer: HttpAnswer, server: ServerErrorFields, pauseAfterAttempts?: number): Outcome {
  const retryAfterMs = retryAfterOf(answer);
  return {
    kind: 'retry',
    error: serverError(code, true, answer, server),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(answer.status === 429 ? { slowDown: true } : {}),
    ...(pauseAfterAttempts === undefined ? {} : { pauseAfterAttempts }),
  };
}

/** The outcome for an error status, carrying the status and what the server said. */
export function errorOutcome(
  kind: 'retry' | 'paused' | 'failed',
  code: ErrorCode,
  answer: HttpAnswer,
  server: ServerErrorFields = {},
): Outcome {
  return kind === 'retry' ? retryOutcome(code, answer, server) : { kind, error: serverError(code, false, answer, server) };
}

/** Not delivered, and not a plain server failure either: retried a few times, then the destination pauses. */
export function retryThenPause(code: ErrorCode, answer: HttpAnswer, server: ServerErrorFields = {}): Outcome {
  return retryOutcome(code, answer, server, NOT_API_PAUSE_AFTER);
}

/** Only http(s) links may become an href in the UI. */
export function webLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A string found at `path` in an unknown JSON value, for salvaging ids from a body that broke its schema. */
export function stringAt(json: unknown, ...path: string[]): string | undefined {
  let node = json;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' && node ? node : undefined;
}

/**
 * The most Keeplink stores of what a server answered. A longer value is dropped, not cut: a cut id or link
 * names something else, and a cut image is broken.
 */
export const RESULT_LIMITS = { id: 200, link: 2048, qrPng: 256 * 1024, extraValue: 200, extraEntries: 10, serverCode: 200 } as const;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The result as stored, and whether anything the server sent was left out for its size or shape. */
function compactResult(result: DeliveryResult): { result: DeliveryResult; dropped: boolean } {
  const out: DeliveryResult = {};
  let dropped = false;
  const within = (value: string | undefined, max: number): string | undefined => {
    if (!value || value.length <= max) return value || undefined;
    dropped = true;
    return undefined;
  };
  const id = within(result.id, RESULT_LIMITS.id);
  if (id) out.id = id;
  const link = within(webLink(result.link), RESULT_LIMITS.link);
  if (link) out.link = link;
  const qrPng = within(result.qrPng, RESULT_LIMITS.qrPng);
  if (qrPng && BASE64.test(qrPng)) out.qrPng = qrPng;
  else if (qrPng) dropped = true;
  const extra = Object.entries(result.extra ?? {}).filter(([, value]) => within(value, RESULT_LIMITS.extraValue));
  if (extra.length > RESULT_LIMITS.extraEntries) dropped = true;
  if (extra.length > 0) out.extra = Object.fromEntries(extra.slice(0, RESULT_LIMITS.extraEntries));
  if (result.existing) out.existing = result.existing;
  return { result: out, dropped };
}

/**
 * A 2xx JSON body: synced with the result when it matches the success schema, otherwise synced with a
 * warning and whatever can still be read (the server created something, so sending again would duplicate it).
 */
export function deliveredOutcome<T>(
  schema: Parser<T>,
  json: unknown,
  read: (data: T) => DeliveryResult,
  salvage: (json: unknown) => DeliveryResult,
): Outcome {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { kind: 'synced', result: compactResult(salvage(json)).result, warning: keeplinkError('malformed-response') };
  const kept = compactResult(read(parsed.data));
  return kept.dropped ? { kind: 'synced', result: kept.result, warning: keeplinkError('response-too-large') } : { kind: 'synced', result: kept.result };
}

export interface ClassifyRules {
  /** A 2xx JSON body → outcome (normally `deliveredOutcome`). */
  success(json: unknown, answer: HttpAnswer): Outcome;
  errorSchema: Parser<ServerErrorFields>;
  /** The provider's own meaning of a status or server code, consulted before the common table. */
  special?(answer: HttpAnswer, server: ServerErrorFields): Outcome | undefined;
  /** What a 404 / 410 means for this provider (the workspace, the link…). */
  notFound: ErrorCode;
  gone: ErrorCode;
}

/** DESIGN.md's table: the common meaning of every status, with the provider's exceptions first. */
export function classifyAnswer(answer: HttpAnswer, rules: ClassifyRules): Outcome {
  const { status } = answer;
  // Requests use redirect: 'manual'; status 0 is the opaque redirect fetch reports then.
  if (status === 0 || (status >= 300 && status < 400)) return errorOutcome('paused', 'redirect', answer);
  if (status >= 200 && status < 300) {
    const read = readJson(answer);
    if (read.kind === 'not-json') return retryThenPause('not-api-response', answer);
    if (read.kind === 'broken-json') return { kind: 'synced', result: {}, warning: keeplinkError('malformed-response', { status }) };
    return rules.success(read.value, answer);
  }
  const server = serverErrorFields(answer, rules.errorSchema);
  const special = rules.special?.(answer, server);
  if (special) return special;
  if (status === 408) return errorOutcome('retry', 'timeout', answer, server);
  if (status === 429) return errorOutcome('retry', 'rate-limited', answer, server);
  if (status === 503) return errorOutcome('retry', 'service-unavailable', answer, server);
  if (status >= 500 && status < 600) return errorOutcome('retry', 'server-error', answer, server);
  if (status === 400) return errorOutcome('failed', 'bad-request', answer, server);
  if (status === 401) return errorOutcome('paused', 'auth-invalid', answer, server);
  if (status === 403) return errorOutcome('paused', 'forbidden', answer, server);
  if (status === 404) return errorOutcome('paused', rules.notFound, answer, server);
  if (status === 410) return errorOutcome('paused', rules.gone, answer, server);
  if (status === 422) return errorOutcome('failed', 'unprocessable', answer, server);
  return errorOutcome('failed', 'unexpected-status', answer, server);
}
