// Link action: POST /links/{linkId}/actions records a pending action carrying the page (api-specs/link-action-create.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, stringAt } from './answer';
import { apiUrl, finishRequest, hostOf, pageMetadata, pageUri, providerIdSchema } from './common';
import type { DeliveryResult, FieldSpec, ProviderRequest } from './types';

const MESSAGE_LEVELS = ['debug', 'info', 'information', 'warn', 'warning', 'error', 'fatal'] as const;
const ACTION_STATUSES = ['pending_create', 'pending', 'in_progress', 'success', 'failed'] as const;

// ---------------------------------------------------------------- settings
export const linkActionSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('link-action'),
  linkId: providerIdSchema,
  specificationId: z.string().check(z.guid()),
  serviceId: z.optional(z.string().check(z.guid())),
});
export type LinkActionDestination = z.infer<typeof linkActionSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'linkId', kind: 'text', required: true },
  { key: 'specificationId', kind: 'uuid', required: true },
  { key: 'serviceId', kind: 'uuid', required: false },
];

// ---------------------------------------------------------------- request
const messageSchema = z.object({
  level: z.optional(z.enum(MESSAGE_LEVELS)),
  message: z.string(),
});

export const linkActionRequestSchema = z.object({
  name: z.string().check(z.minLength(1)),
  specification_id: z.string().check(z.guid()),
  service_id: z.optional(z.string().check(z.guid())),
  parameters: z.record(z.string(), z.unknown()),
  messages: z.array(messageSchema),
  status: z.enum(ACTION_STATUSES),
});
type LinkActionRequest = z.infer<typeof linkActionRequestSchema>;

function buildRequest(capture: Capture, destination: LinkActionDestination): Result<ProviderRequest> {
  const url = pageUri(capture);
  const title = capture.page.title;
  const parameters: Record<string, unknown> = { url, ...pageMetadata(capture.page) };
  if (title) parameters.title = title;
  if (capture.note) parameters.note = capture.note;
  if (capture.tags.length > 0) parameters.tags = capture.tags;
  const body: LinkActionRequest = {
    // name needs at least one character; the host always has one.
    name: title || hostOf(url),
    specification_id: destination.specificationId,
    parameters,
    // Payload for the service's own log, not UI text.
    messages: [{ level: 'info', message: `Saved from Keeplink: ${url}` }],
    status: 'pending',
  };
  if (destination.serviceId) body.service_id = destination.serviceId;
  return finishRequest(linkActionRequestSchema, apiUrl(destination.baseUrl, '/links/{linkId}/actions', { linkId: destination.linkId }), destination.apiKey, body);
}

// ---------------------------------------------------------------- success (2XX instance; every field optional)
export const linkActionSuccessSchema = z.object({
  id: z.optional(z.string().check(z.guid())),
  name: z.optional(z.string().check(z.minLength(1))),
  slug: z.optional(z.string().check(z.minLength(1))),
  specification_id: z.optional(z.string().check(z.guid())),
  messages: z.optional(z.array(messageSchema)),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
  status: z.optional(z.enum(ACTION_STATUSES)),
  parameters: z.optional(z.record(z.string(), z.unknown())),
  results: z.optional(z.record(z.string(), z.unknown())),
  service_id: z.optional(z.string().check(z.guid())),
  link_id: z.optional(z.string().check(z.guid())),
});

// ---------------------------------------------------------------- error (4XX/5XX)
export const linkActionErrorSchema = z.object({
  statusCode: z.number(),
  code: z.optional(z.string()),
  error: z.string(),
  message: z.string(),
});

function actionResult(id: string | undefined, slug: string | undefined): DeliveryResult {
  return { id, ...(slug ? { extra: { slug } } : {}) };
}

export const linkAction = defineProvider({
  id: 'link-action',
  apiKeyRequired: false,
  settingsSchema: linkActionSettingsSchema,
  fields,
  buildRequest,
  success: {
    schema: linkActionSuccessSchema,
    read: (data) => actionResult(data.id, data.slug),
    salvage: (loose) => actionResult(stringAt(loose, 'id'), stringAt(loose, 'slug')),
  },
  error: { schema: linkActionErrorSchema },
});
