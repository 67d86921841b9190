// ShortPen: POST /v1/generate creates a branded short link, optionally with a QR code (api-specs/shortpen-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, stringAt, webLink } from './answer';
import { apiUrl, finishRequest, pageUri } from './common';
import type { DeliveryResult, FieldSpec, ProviderRequest } from './types';

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
  if (utm?.source) param.utm_source = utm.source;
  if (utm?.medium) param.utm_medium = utm.medium;
  if (utm?.campaign) param.utm_campaign = utm.campaign;
  return Object.keys(param).length > 0 ? param : undefined;
}

function buildRequest(capture: Capture, destination: ShortpenDestination): Result<ProviderRequest> {
  const body: ShortpenRequest = { url: pageUri(capture), domain_id: destination.domainId };
  if (capture.page.title) body.title = capture.page.title;
  if (destination.workspaceId !== undefined) body.workspace_id = destination.workspaceId;
  if (destination.folderId !== undefined) body.folder_id = destination.folderId;
  if (destination.tagIds && destination.tagIds.length > 0) body.tag_ids = destination.tagIds;
  if (capture.options?.customSlug) body.custom_slug = capture.options.customSlug;
  const param = utmParams(capture);
  if (param) body.param = param;
  // Off unless asked: every QR code counts against the organization's monthly QR quota.
  if (capture.options?.qr === true) body.generate_qr = true;
  if (capture.note) body.notes = capture.note;
  return finishRequest(shortpenRequestSchema, apiUrl(destination.baseUrl, '/v1/generate'), destination.apiKey, body);
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

/** A 2xx saying success: false created nothing. */
function refused(json: unknown): { message?: string } | undefined {
  const said = typeof json === 'object' && json !== null && 'success' in json && json.success === false;
  return said ? { message: stringAt(json, 'message') } : undefined;
}

export const shortpen = defineProvider({
  id: 'shortpen',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.shortpen.com',
  settingsSchema: shortpenSettingsSchema,
  fields,
  limits: { note: SHORTPEN_NOTES_MAX },
  buildRequest,
  success: {
    schema: shortpenSuccessSchema,
    read: (data) => linkResult(data.data.link, data.data.qr),
    salvage: (loose) => linkResult(stringAt(loose, 'data', 'link'), stringAt(loose, 'data', 'qr')),
    refused,
  },
  error: { schema: shortpenErrorSchema },
  rules: [
    // A 400 about the domain is a settings problem (inactive or foreign domain_id), not this capture's.
    { status: 400, message: /domain/i, then: { kind: 'paused', code: 'bad-domain' } },
    // ShortPen's 429 is a used-up monthly quota: retrying cannot help until the plan changes.
    { status: 429, then: { kind: 'paused', code: 'quota-exceeded' } },
  ],
});
