// Sharely: POST /v1/workspaces/{workspaceId}/knowledge/link creates a knowledge link (api-specs/sharely-create-knowledge-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, stringAt } from './answer';
import { apiUrl, finishRequest, pageMetadata, pageUri } from './common';
import type { FieldSpec, ProviderRequest } from './types';

// ---------------------------------------------------------------- settings
export const sharelySettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('sharely'),
  workspaceId: z.string().check(z.guid()),
});
export type SharelyDestination = z.infer<typeof sharelySettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [{ key: 'workspaceId', kind: 'uuid', required: true }];

// ---------------------------------------------------------------- request
export const sharelyRequestSchema = z.object({
  type: z.literal('LINK'),
  url: z.url({ protocol: /^https?$/ }),
  title: z.optional(z.string().check(z.minLength(1))),
  metadata: z.optional(z.record(z.string(), z.unknown())),
});
type SharelyRequest = z.infer<typeof sharelyRequestSchema>;

function buildRequest(capture: Capture, destination: SharelyDestination): Result<ProviderRequest> {
  const metadata: Record<string, unknown> = { ...pageMetadata(capture.page), source: capture.source };
  if (capture.note) metadata.note = capture.note;
  if (capture.tags.length > 0) metadata.tags = capture.tags;
  const body: SharelyRequest = { type: 'LINK', url: pageUri(capture), metadata };
  if (capture.page.title) body.title = capture.page.title;
  return finishRequest(sharelyRequestSchema, apiUrl(destination.baseUrl, '/v1/workspaces/{workspaceId}/knowledge/link', { workspaceId: destination.workspaceId }), destination.apiKey, body);
}

// ---------------------------------------------------------------- success (201)
export const sharelySuccessSchema = z.object({
  id: z.string().check(z.guid()),
  knowledgeId: z.string().check(z.guid()),
});

// ---------------------------------------------------------------- error (400/401/403/422)
export const sharelyErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
});

export const sharely = defineProvider({
  id: 'sharely',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.sharely.ai',
  settingsSchema: sharelySettingsSchema,
  fields,
  buildRequest,
  success: {
    schema: sharelySuccessSchema,
    read: (data) => ({ id: data.knowledgeId }),
    salvage: (loose) => ({ id: stringAt(loose, 'knowledgeId') ?? stringAt(loose, 'id') }),
  },
  error: { schema: sharelyErrorSchema },
  notFound: 'workspace-not-found',
  gone: 'workspace-gone',
});
