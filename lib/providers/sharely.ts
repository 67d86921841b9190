// Sharely: POST /v1/workspaces/{workspaceId}/knowledge/link creates a knowledge link (api-specs/sharely-create-knowledge-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, type Result } from '../errors';
import { z } from '../zod';
import { apiUrl, classifyAnswer, deliveredOutcome, finishRequest, pageMetadata, pageUri, present, stringAt } from './common';
import type { FieldSpec, HttpAnswer, Outcome, Provider, ProviderRequest } from './types';

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
  const url = pageUri(capture);
  if (!url.ok) return fail(url.error);
  const metadata: Record<string, unknown> = { ...pageMetadata(capture.page), source: capture.source };
  const note = present(capture.note);
  if (note) metadata.note = note;
  if (capture.tags.length > 0) metadata.tags = capture.tags;
  const body: SharelyRequest = { type: 'LINK', url: url.value, metadata };
  const title = present(capture.page.title);
  if (title) body.title = title;
  const endpoint = apiUrl(destination.baseUrl, '/v1/workspaces/{workspaceId}/knowledge/link', { workspaceId: destination.workspaceId });
  if (!endpoint.ok) return endpoint;
  return finishRequest(sharelyRequestSchema, endpoint.value, destination.apiKey, body);
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

// ---------------------------------------------------------------- classifier
function classify(answer: HttpAnswer): Outcome {
  return classifyAnswer(answer, {
    success: (json) =>
      deliveredOutcome(
        sharelySuccessSchema,
        json,
        (data) => ({ id: data.knowledgeId }),
        (loose) => ({ id: stringAt(loose, 'knowledgeId') ?? stringAt(loose, 'id') }),
      ),
    errorSchema: sharelyErrorSchema,
    notFound: 'workspace-not-found',
    gone: 'workspace-gone',
  });
}

export const sharely: Provider<SharelyDestination> = {
  id: 'sharely',
  apiKeyRequired: true,
  defaultBaseUrl: 'https://api.sharely.ai',
  settingsSchema: sharelySettingsSchema,
  fields,
  buildRequest,
  successSchema: sharelySuccessSchema,
  errorSchema: sharelyErrorSchema,
  classify,
};
