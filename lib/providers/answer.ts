// Owns the answer side every provider shares: reading an HTTP answer, what is stored of it, and DESIGN.md's status
// table, written once; defineProvider turns a provider's answer data into its classify.
import type { Capture } from '../capture';
import { keeplinkError, type ErrorCode, type KeeplinkError } from '../errors';
import { parseRetryAfter } from '../http';
import type { AnswerRule, AnswerSpec, DeliveryResult, DestinationCommon, HttpAnswer, Outcome, Parser, Provider, ProviderSpec, ServerErrorFields } from './types';

/** A 2xx that delivered nothing (a proxy's HTML page, ShortPen's success: false) is retried this often, then the destination pauses. */
export const NOT_API_PAUSE_AFTER = 3;

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
  const node = valueAt(json, path);
  return typeof node === 'string' && node ? node : undefined;
}

/** An id found at `path`, numeric (linkding, Linkwarden, wallabag) or a string. */
export function idAt(json: unknown, ...path: string[]): string | undefined {
  const node = valueAt(json, path);
  return typeof node === 'number' ? String(node) : typeof node === 'string' && node ? node : undefined;
}

function valueAt(json: unknown, path: readonly string[]): unknown {
  let node = json;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = Reflect.get(node, key);
  }
  return node;
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

function matches(rule: AnswerRule, answer: HttpAnswer, server: ServerErrorFields): boolean {
  return (
    (rule.status === undefined || rule.status === answer.status) &&
    (rule.serverCode === undefined || rule.serverCode === server.code) &&
    (rule.message === undefined || rule.message.test(server.message ?? ''))
  );
}

function ruleOutcome(rules: readonly AnswerRule[] | undefined, answer: HttpAnswer, server: ServerErrorFields): Outcome | undefined {
  const rule = rules?.find((candidate) => matches(candidate, answer, server));
  if (!rule) return undefined;
  return rule.then.kind === 'synced' ? { kind: 'synced', result: rule.then.result } : errorOutcome(rule.then.kind, rule.then.code, answer, server);
}

function successOutcome<T>(spec: AnswerSpec<T>, json: unknown, answer: HttpAnswer, capture: Capture | undefined): Outcome {
  const refused = spec.success.refused?.(json);
  // A 2xx saying it created nothing: retry, and pause if it keeps saying so.
  if (refused) return retryThenPause('server-rejected', answer, refused);
  return deliveredOutcome(spec.success.schema, json, (data) => spec.success.read(data, capture), spec.success.salvage);
}

const isWebPage = (answer: HttpAnswer): boolean => (answer.headers['content-type'] ?? '').toLowerCase().includes('html');

/** DESIGN.md's table: the common meaning of every status, with the provider's documented answers first. */
export function classifyAnswer<T>(answer: HttpAnswer, spec: AnswerSpec<T>, capture?: Capture): Outcome {
  const { status } = answer;
  // Requests use redirect: 'manual'; status 0 is the opaque redirect fetch reports then.
  if (status === 0 || (status >= 300 && status < 400)) return errorOutcome('paused', 'redirect', answer);
  if (status >= 200 && status < 300) {
    const read = readJson(answer);
    if (read.kind === 'not-json') {
      return spec.success.anyBody && !isWebPage(answer) ? { kind: 'synced', result: {} } : retryThenPause('not-api-response', answer);
    }
    if (read.kind === 'broken-json') return { kind: 'synced', result: {}, warning: keeplinkError('malformed-response', { status }) };
    return successOutcome(spec, read.value, answer, capture);
  }
  const server = serverErrorFields(answer, spec.error.schema);
  const special = ruleOutcome(spec.rules, answer, server) ?? spec.special?.(answer, server);
  if (special) return special;
  if (status === 408) return errorOutcome('retry', 'timeout', answer, server);
  if (status === 429) return errorOutcome('retry', 'rate-limited', answer, server);
  if (status === 503) return errorOutcome('retry', 'service-unavailable', answer, server);
  if (status >= 500 && status < 600) return errorOutcome('retry', 'server-error', answer, server);
  if (status === 400) return errorOutcome('failed', 'bad-request', answer, server);
  if (status === 401) return errorOutcome('paused', 'auth-invalid', answer, server);
  if (status === 403) return errorOutcome('paused', 'forbidden', answer, server);
  if (status === 404) return errorOutcome('paused', spec.notFound ?? 'not-found', answer, server);
  if (status === 410) return errorOutcome('paused', spec.gone ?? 'not-found', answer, server);
  if (status === 422) return errorOutcome('failed', 'unprocessable', answer, server);
  return errorOutcome('failed', 'unexpected-status', answer, server);
}

/** A provider file's spec, with the classify its answer rules describe. */
export function defineProvider<D extends DestinationCommon, T>(spec: ProviderSpec<D, T>): Provider<D, T> {
  return { ...spec, classify: (answer, capture) => classifyAnswer(answer, spec, capture) };
}
