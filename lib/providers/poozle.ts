// Poozle: POST /v1/link creates an integration link named after the page (api-specs/poozle-create-link.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import type { Result } from '../errors';
import { z } from '../zod';
import { defineProvider, stringAt } from './answer';
import { apiUrl, finishRequest, hostOf, pageUri, providerIdSchema } from './common';
import type { FieldSpec, ProviderRequest } from './types';

/** Seven days, the form's visible default. */
export const POOZLE_DEFAULT_EXPIRES_IN = 604800;

/** IntegrationType values the spec and its README name; others are accepted as typed. */
export const POOZLE_CATEGORY_SUGGESTIONS = ['MESSAGING', 'HRIS', 'CALENDAR', 'TICKETING', 'DOCUMENTATION'] as const;

// ---------------------------------------------------------------- settings
const category = z.string().check(z.trim(), z.toUpperCase(), z.minLength(1));

export const poozleSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('poozle'),
  workspaceId: providerIdSchema,
  categories: z.array(category).check(z.minLength(1)),
  expiresIn: z.int().check(z.positive()),
  integrationDefinitionId: z.optional(providerIdSchema),
});
export type PoozleDestination = z.infer<typeof poozleSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'workspaceId', kind: 'text', required: true },
  { key: 'categories', kind: 'string-list', required: true, suggestions: POOZLE_CATEGORY_SUGGESTIONS },
  { key: 'expiresIn', kind: 'int', required: true, defaultValue: String(POOZLE_DEFAULT_EXPIRES_IN) },
  { key: 'integrationDefinitionId', kind: 'text', required: false },
];

// ---------------------------------------------------------------- request
export const poozleRequestSchema = z.object({
  category: z.array(z.string().check(z.minLength(1))),
  integrationDefinitionId: z.optional(z.string().check(z.minLength(1))),
  expiresIn: z.number(),
  linkName: z.string().check(z.minLength(1)),
  workspaceId: z.string().check(z.minLength(1)),
});
type PoozleRequest = z.infer<typeof poozleRequestSchema>;

/** A capture may pick its own categories (Poozle's are upper case); repeated ones are dropped. */
function captureCategories(capture: Capture): string[] | undefined {
  const picked = [...new Set((capture.options?.categories ?? []).map((c) => c.toUpperCase()))];
  return picked.length > 0 ? picked : undefined;
}

function buildRequest(capture: Capture, destination: PoozleDestination): Result<ProviderRequest> {
  const body: PoozleRequest = {
    category: captureCategories(capture) ?? destination.categories,
    expiresIn: destination.expiresIn,
    // The body has no URL field; the URL only supplies a name when the page has no title.
    linkName: capture.page.title || hostOf(pageUri(capture)),
    workspaceId: destination.workspaceId,
  };
  if (destination.integrationDefinitionId) body.integrationDefinitionId = destination.integrationDefinitionId;
  return finishRequest(poozleRequestSchema, apiUrl(destination.baseUrl, '/v1/link'), destination.apiKey, body);
}

// ---------------------------------------------------------------- success (201 Link)
export const poozleSuccessSchema = z.object({
  linkId: z.string(),
  linkName: z.string(),
  canExpire: z.boolean(),
  preferOAuth: z.boolean(),
  expiresIn: z.number(),
  category: z.array(z.unknown()),
  workspaceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  IntegrationAccount: z.optional(z.array(z.unknown())),
});

// ---------------------------------------------------------------- error (400/401 ApiException)
export const poozleErrorSchema = z.object({
  statusCode: z.optional(z.number()),
  message: z.optional(z.string()),
  status: z.optional(z.string()),
  error: z.optional(z.string()),
  errors: z.optional(z.record(z.string(), z.unknown())),
  timestamp: z.optional(z.string()),
  path: z.optional(z.string()),
});

export const poozle = defineProvider({
  id: 'poozle',
  apiKeyRequired: false,
  settingsSchema: poozleSettingsSchema,
  fields,
  buildRequest,
  success: {
    schema: poozleSuccessSchema,
    read: (data) => ({ id: data.linkId }),
    salvage: (loose) => ({ id: stringAt(loose, 'linkId') }),
  },
  error: { schema: poozleErrorSchema },
  notFound: 'workspace-not-found',
  gone: 'workspace-gone',
});
