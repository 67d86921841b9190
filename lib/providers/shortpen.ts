// ShortPen: POST /v1/generate creates a branded short link, optionally with a QR code (api-specs/shortpen-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, type Result } from '../errors';
import { z } from '../zod';
import { apiUrl, classifyAnswer, deliveredOutcome, errorOutcome, finishRequest, pageUri, present, retryThenPause, stringAt, tooLong, webLink } from './common';
import type { DeliveryResult, FieldSpec, HttpAnswer, Outcome, Provider, ProviderRequest } from './types';

/** "Add a custom note to the new link. 300 characters max." */
export const SHORTPEN_NOTES_MAX = 300;

// ---------------------------------------------------------------- settings
const shortpenId = z.int().check(z.gte(0));

export const shortpenSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('shortpen'),
  domainId: shortpenId,
  workspaceId: z.optional(shortpenId),
  folderId: z.optional(shortpenId),
  tagIds: z.optional(z.array(shortpenId)),
});
export type ShortpenDestination = z.infer<typeof shortpenSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'domainId', kind: 'int', required: true },
  { key: 'workspaceId', kind: 'int', required: false },
  { key: 'folderId', kind: 'int', required: false },
  { key: 'tagIds', kind: 'int-list', required: false },
];

// ---------------------------------------------------------------- request
// Only the fields Keeplink sends; each mirrors LinkFieldsMixin.
export const shortpenRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  domain_id: z.int(),
  workspace_id: z.optional(z.int()),
  title: z.optional(z.string().check(z.minLength(1))),
  custom_slug: z.optional(z.string().check(z.minLength(1))),
  folder_id: z.optional(z.int()),
  param: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
  generate_qr: z.optional(z.boolean()),
  tag_ids: z.optional(z.array(z.int())),
  notes: z.optional(z.string().check(z.minLength(1), z.maxLength(SHORTPEN_NOTES_MAX))),
});
type ShortpenRequest = z.infer<typeof shortpenRequestSchema>;

function utmParams(capture: Capture): Record<string, string> | undefined {
  const utm = capture.options?.utm;
  const param: Record<string, string> = {};
  const source = present(utm?.source);
  const medium = present(utm?.medium);
  const campaign = present(utm?.campaign);
  if (source) param.utm_source = source;
  if (medium) param.utm_medium = medium;
  if (campaign) param.utm_campaign = campaign;
  return Object.keys(param).length > 0 ? param : undefined;
}

function buildRequest(capture: Capture, destination: ShortpenDestination): Result<ProviderRequest> {
  const url = pageUri(capture);
  if (!url.ok) return fail(url.error);
  const notes = present(capture.note);
  const problem = tooLong('note', notes, SHORTPEN_NOTES_MAX);
  if (problem) return fail(problem);
  const body: ShortpenRequest = { url: url.value, domain_id: destination.domainId };
  const title = present(capture.page.title);
  if (title) body.title = title;
  if (destination.workspaceId !== undefined) body.workspace_id = destination.workspaceId;
  if (destination.folderId !== undefined) body.folder_id = destination.folderId;
  if (destination.tagIds && destination.tagIds.length > 0) body.tag_ids = destination.tagIds;
  const slug = present(capture.options?.customSlug);
  if (slug) body.custom_slug = slug;
  const param = utmParams(capture);
  if (param) body.param = param;
  // Off unless asked: every QR code counts against the organization's monthly QR quota.
  if (capture.options?.qr === true) body.generate_qr = true;
  if (notes) body.notes = notes;
  const endpoint = apiUrl(destination.baseUrl, '/v1/generate');
  if (!endpoint.ok) return endpoint;
  return finishRequest(shortpenRequestSchema, endpoint.value, destination.apiKey, body);
}

// ---------------------------------------------------------------- success (200 LinkResponse)
export const shortpenSuccessSchema = z.object({
  success: z.literal(true),
  status_code: z.int(),
  message: z.optional(z.string()),
  data: z.object({
    link: z.url(),
    short_url: z.url(),
    qr: z.nullable(z.optional(z.string())),
    created: z.boolean(),
  }),
});

// ---------------------------------------------------------------- error (400/401/429 ErrorResponse)
export const shortpenErrorSchema = z.object({
  success: z.boolean(),
  status_code: z.int(),
  message: z.string(),
  data: z.optional(z.unknown()),
});

// ---------------------------------------------------------------- classifier
/** data.link only (short_url is deprecated); the slug is the link's last path segment. */
function linkResult(link: unknown, qr: unknown): DeliveryResult {
  const href = webLink(link);
  const slug = href ? new URL(href).pathname.split('/').filter(Boolean).pop() : undefined;
  return { link: href, id: slug, qrPng: typeof qr === 'string' && qr ? qr : undefined };
}

function hasSuccessFalse(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { success?: unknown }).success === false;
}

function classify(answer: HttpAnswer): Outcome {
  return classifyAnswer(answer, {
    success: (json) => {
      // A 2xx saying success: false created nothing: retry, and pause if it keeps saying so.
      if (hasSuccessFalse(json)) {
        return retryThenPause('server-rejected', answer, { message: stringAt(json, 'message') });
      }
      return deliveredOutcome(
        shortpenSuccessSchema,
        json,
        (data) => linkResult(data.data.link, data.data.qr),
        (loose) => linkResult(stringAt(loose, 'data', 'link'), stringAt(loose, 'data', 'qr')),
      );
    },
    errorSchema: shortpenErrorSchema,
    special: (response, server) => {
      // A 400 about the domain is a settings problem (inactive or foreign domain_id), not this capture's.
      if (response.status === 400 && /domain/i.test(server.message ?? '')) return errorOutcome('paused', 'bad-domain', response, server);
      // ShortPen's 429 is a used-up monthly quota: retrying cannot help until the plan changes.
      if (response.status === 429) return errorOutcome('paused', 'quota-exceeded', response, server);
      return undefined;
    },
    notFound: 'not-found',
    gone: 'not-found',
  });
}

export const shortpen: Provider<ShortpenDestination> = {
  id: 'shortpen',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.shortpen.com',
  settingsSchema: shortpenSettingsSchema,
  fields,
  buildRequest,
  successSchema: shortpenSuccessSchema,
  errorSchema: shortpenErrorSchema,
  classify,
};
