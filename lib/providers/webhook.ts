// Generic JSON webhook: POST or PUT of a body filled from the user's template to any https endpoint (README "JSON webhook").
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, keeplinkError, ok, type Result } from '../errors';
import { z } from '../zod';
import { defineProvider, idAt } from './answer';
import { apiUrl, pageUri, readRequest } from './common';
import type { FieldSpec, ProviderRequest } from './types';
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
  const filled = fillTemplate(destination.bodyTemplate, templateValues(capture, pageUri(capture)));
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
  return readRequest(apiUrl(new URL(destination.baseUrl).origin, '/'), { accept: '*/*' }, 'HEAD');
}

// ---------------------------------------------------------------- answers
// 2xx delivered (a web page aside); 408/429/5xx retry (Retry-After honoured); 401/403 pause; every other 4xx fails the capture.
/** Any 2xx body is a delivery; an object answer with an `id` keeps it, so History shows what was created. */
export const webhookSuccessSchema = z.unknown();

export const webhookErrorSchema = z.pipe(
  z.object({ message: z.optional(z.string()), error: z.optional(z.string()) }),
  z.transform((body) => ({ message: body.message ?? body.error })),
);

export const webhook = defineProvider({
  id: 'webhook',
  apiKeyRequired: false,
  settingsSchema: webhookSettingsSchema,
  fields,
  buildRequest,
  checkRequest,
  success: {
    schema: webhookSuccessSchema,
    read: (data) => ({ id: idAt(data, 'id') }),
    salvage: () => ({}),
    anyBody: true,
  },
  error: { schema: webhookErrorSchema },
  rules: [
    // No documented path: a 404 or 410 is this endpoint refusing the capture, not a workspace to fix.
    { status: 404, then: { kind: 'failed', code: 'unexpected-status' } },
    { status: 410, then: { kind: 'failed', code: 'unexpected-status' } },
  ],
  settingsProblems,
});
