// Generic JSON webhook: POST or PUT of a body filled from the user's template to any https endpoint (README "JSON webhook").
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, keeplinkError, ok, type Result } from '../errors';
import { z } from '../zod';
import { apiUrl, deliveredOutcome, errorOutcome, pageUri, readJson, retryThenPause } from './common';
import type { FieldSpec, HttpAnswer, Outcome, Provider, ProviderRequest } from './types';
import { checkTemplate, DEFAULT_WEBHOOK_TEMPLATE, fillTemplate, templateValues } from './webhook-template';

export const WEBHOOK_METHODS = ['POST', 'PUT'] as const;
export const WEBHOOK_HEADERS_MAX = 20;

// ---------------------------------------------------------------- settings
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// The browser refuses (or overrides) these, and Keeplink sets the body type and Idempotency-Key itself.
const RESERVED = /^(accept-charset|accept-encoding|access-control-.*|connection|content-length|content-type|cookie2?|date|dnt|expect|host|idempotency-key|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const HEADER_NAME_ISSUE = 'header-name';
export const HEADER_LIST_ISSUE = 'header-list';

export const isHeaderName = (name: string): boolean => TOKEN.test(name) && !RESERVED.test(name);

const headerSchema = z.object({
  name: z.string().check(z.refine(isHeaderName, { error: HEADER_NAME_ISSUE })),
  value: z.string().check(z.refine((value) => HEADER_VALUE.test(value), { error: HEADER_LIST_ISSUE })),
});

export const webhookSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('webhook'),
  method: z.enum(WEBHOOK_METHODS),
  /** The header that carries the secret (stored as the destination's apiKey); absent when nothing is secret. */
  secretHeaderName: z.optional(z.string().check(z.refine(isHeaderName, { error: HEADER_NAME_ISSUE }))),
  extraHeaders: z._default(z.array(headerSchema).check(z.maxLength(WEBHOOK_HEADERS_MAX)), []),
  bodyTemplate: z.string().check(z.refine((text) => checkTemplate(text) === undefined, { error: 'template-json' })),
});
export type WebhookDestination = z.infer<typeof webhookSettingsSchema>;

/** "Name: value" per line, as the form shows them; blank lines are skipped. Undefined when a line is not a usable header. */
export function parseHeaderLines(text: string): { name: string; value: string }[] | undefined {
  const headers: { name: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const header = { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    if (!headerSchema.safeParse(header).success) return undefined;
    headers.push(header);
  }
  return headers.length > WEBHOOK_HEADERS_MAX ? undefined : headers;
}

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'method', kind: 'choice', required: true, defaultValue: 'POST', choices: WEBHOOK_METHODS },
  { key: 'secretHeaderName', kind: 'text', required: false },
  { key: 'extraHeaders', kind: 'header-list', required: false },
  { key: 'bodyTemplate', kind: 'json-template', required: true, defaultValue: DEFAULT_WEBHOOK_TEMPLATE },
];

/** A secret without a header to carry it (or the other way round) is a mistake the form names at the field. */
function settingsProblems(destination: WebhookDestination): Record<string, 'required'> {
  const hasSecret = destination.apiKey.trim() !== '';
  if (hasSecret && !destination.secretHeaderName) return { secretHeaderName: 'required' };
  if (!hasSecret && destination.secretHeaderName) return { apiKey: 'required' };
  return {};
}

// ---------------------------------------------------------------- request
function webhookHeaders(destination: WebhookDestination): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, */*;q=0.5' };
  for (const { name, value } of destination.extraHeaders) headers[name.toLowerCase()] = value;
  const secret = destination.apiKey.trim();
  // Last, so an extra header of the same name can never replace the secret one.
  if (secret && destination.secretHeaderName) headers[destination.secretHeaderName.toLowerCase()] = secret;
  return headers;
}

function buildRequest(capture: Capture, destination: WebhookDestination): Result<ProviderRequest> {
  const url = pageUri(capture);
  if (!url.ok) return fail(url.error);
  const filled = fillTemplate(destination.bodyTemplate, templateValues(capture, url.value));
  let body: unknown;
  try {
    if (!filled.ok) throw new Error(filled.problem.code);
    body = JSON.parse(filled.text);
  } catch {
    return fail(keeplinkError('field-invalid', { field: 'bodyTemplate', details: { scope: 'settings' } }));
  }
  // The endpoint is the whole URL the user gave: there is no documented path to add.
  const endpoint = apiUrl(destination.baseUrl, '');
  if (!endpoint.ok) return endpoint;
  return ok({ method: destination.method, url: endpoint.value.replace(/\/$/, ''), headers: webhookHeaders(destination), body });
}

/** Check connection: a HEAD of the endpoint's origin, without the secret or any extra header, so no webhook fires. */
function checkRequest(destination: WebhookDestination): Result<ProviderRequest> {
  const root = apiUrl(new URL(destination.baseUrl).origin, '/');
  if (!root.ok) return root;
  return ok({ method: 'HEAD', url: root.value, headers: { accept: '*/*' }, body: undefined });
}

// ---------------------------------------------------------------- success (any 2xx) and error (any body)
export const webhookSuccessSchema = z.unknown();
export const webhookErrorSchema = z.object({ message: z.optional(z.string()), error: z.optional(z.string()) });

// ---------------------------------------------------------------- classifier
function serverMessage(answer: HttpAnswer): { message?: string } {
  try {
    const parsed = webhookErrorSchema.safeParse(JSON.parse(answer.bodyText));
    const message = parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
    return message ? { message } : {};
  } catch {
    return {};
  }
}

const answeredIdSchema = z.object({ id: z.union([z.string(), z.number()]) });

/** Any 2xx body is a delivery; a JSON object answer with an `id` keeps it (capped like every stored answer), so History shows what was created. */
function delivered(answer: HttpAnswer): Outcome {
  const read = readJson(answer);
  // A body the endpoint itself labelled JSON but cut off: delivered (re-sending could duplicate), with the same warning as every service.
  if (read.kind === 'broken-json') return { kind: 'synced', result: {}, warning: keeplinkError('malformed-response', { status: answer.status }) };
  if (read.kind !== 'json' || !answeredIdSchema.safeParse(read.value).success) return { kind: 'synced', result: {} };
  return deliveredOutcome(answeredIdSchema, read.value, (data) => ({ id: String(data.id) }), () => ({}));
}

/** 2xx delivered (an HTML page aside); 408/429/5xx retry (Retry-After honoured); 401/403 pause; every other 4xx fails the capture. */
function classify(answer: HttpAnswer): Outcome {
  const { status } = answer;
  const server = serverMessage(answer);
  if (status === 0 || (status >= 300 && status < 400)) return errorOutcome('paused', 'redirect', answer);
  // Success means 2xx, whatever the body (a webhook answers as it likes), except a web page: a captive portal
  // or a proxy's sign-in page answers 200 too, and the webhook never saw the capture.
  if (status >= 200 && status < 300) {
    return /html/i.test(answer.headers['content-type'] ?? '') ? retryThenPause('not-api-response', answer) : delivered(answer);
  }
  if (status === 408) return errorOutcome('retry', 'timeout', answer, server);
  if (status === 429) return errorOutcome('retry', 'rate-limited', answer, server);
  if (status === 503) return errorOutcome('retry', 'service-unavailable', answer, server);
  if (status >= 500 && status < 600) return errorOutcome('retry', 'server-error', answer, server);
  if (status === 401) return errorOutcome('paused', 'auth-invalid', answer, server);
  if (status === 403) return errorOutcome('paused', 'forbidden', answer, server);
  if (status === 400) return errorOutcome('failed', 'bad-request', answer, server);
  if (status === 422) return errorOutcome('failed', 'unprocessable', answer, server);
  return errorOutcome('failed', 'unexpected-status', answer, server);
}

export const webhook: Provider<WebhookDestination> = {
  id: 'webhook',
  apiKeyRequired: false,
  settingsSchema: webhookSettingsSchema,
  fields,
  buildRequest,
  checkRequest,
  successSchema: webhookSuccessSchema,
  errorSchema: webhookErrorSchema,
  classify,
  settingsProblems,
};
