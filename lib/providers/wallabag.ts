// wallabag: POST /api/entries.json saves an entry, behind OAuth2 password-grant tokens (api-specs/wallabag-create-entry.md).
import type { Capture } from '../capture';
import { destinationBaseShape } from '../destination';
import { fail, keeplinkError, ok, type Result } from '../errors';
import { z } from '../zod';
import { defineProvider, idAt } from './answer';
import { apiUrl, finishRequest, pageUri, readRequest } from './common';
import { signInRequired, type TokenAuth, type TokenSet } from './token-session';
import type { FieldSpec, HttpAnswer, ProviderRequest } from './types';

// ---------------------------------------------------------------- settings
export const wallabagSettingsSchema = z.object({
  ...destinationBaseShape,
  provider: z.literal('wallabag'),
  /** The API client's id (`3_4f8k…`); its secret is the destination's apiKey, stored like any key. */
  clientId: z.string().check(z.trim(), z.minLength(1)),
  username: z.string().check(z.trim(), z.minLength(1)),
});
export type WallabagDestination = z.infer<typeof wallabagSettingsSchema>;

// ---------------------------------------------------------------- fields
const fields: readonly FieldSpec[] = [
  { key: 'clientId', kind: 'text', required: true },
  { key: 'username', kind: 'text', required: true },
  // Exchanged once for tokens when saved; never stored (the options page says so).
  { key: 'password', kind: 'password', required: false },
];

// ---------------------------------------------------------------- request
// additionalProperties: false in the spec's client contract, hence a strict object.
export const wallabagRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  title: z.optional(z.string().check(z.minLength(1))),
  tags: z.optional(z.string().check(z.minLength(1))),
  origin_url: z.optional(z.string().check(z.minLength(1))),
});
type WallabagRequest = z.infer<typeof wallabagRequestSchema>;

function buildRequest(capture: Capture, destination: WallabagDestination): Result<ProviderRequest> {
  const body: WallabagRequest = { url: pageUri(capture) };
  if (capture.page.title) body.title = capture.page.title;
  // One comma-separated string, as documented; a comma inside a tag would split it, so it becomes a space.
  const tags = capture.tags.map((tag) => tag.replace(/,/g, ' ').trim()).filter(Boolean);
  if (tags.length > 0) body.tags = tags.join(',');
  if (capture.page.sourceUrl) body.origin_url = capture.page.sourceUrl;
  // No key in the request: the token session adds the Bearer access token.
  return finishRequest(wallabagRequestSchema, apiUrl(destination.baseUrl, '/api/entries.json'), '', body);
}

/** Check connection: the spec's read-only GET /api/user.json, with the access token. */
function checkRequest(destination: WallabagDestination): Result<ProviderRequest> {
  return readRequest(apiUrl(destination.baseUrl, '/api/user.json'), { accept: 'application/json' });
}

// ---------------------------------------------------------------- OAuth2 (password and refresh_token grants)
function tokenRequest(destination: WallabagDestination, grant: Record<string, string>): Result<ProviderRequest> {
  const endpoint = apiUrl(destination.baseUrl, '/oauth/v2/token');
  if (!endpoint.ok) return endpoint;
  const body = { ...grant, client_id: destination.clientId, client_secret: destination.apiKey.trim() };
  return ok({ method: 'POST', url: endpoint.value, headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
}

export const wallabagTokenSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
  token_type: z.optional(z.string()),
});

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.optional(z.string()) });

function readTokens(answer: HttpAnswer, now: number): Result<TokenSet> {
  let json: unknown;
  try {
    json = JSON.parse(answer.bodyText);
  } catch {
    json = undefined;
  }
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const tokens = wallabagTokenSchema.safeParse(json);
    if (tokens.success) return ok({ accessToken: tokens.data.access_token, refreshToken: tokens.data.refresh_token, expiresAt: now + tokens.data.expires_in * 1000 });
    return fail(keeplinkError('not-api-response', { retryable: true, status }));
  }
  const oauth = oauthErrorSchema.safeParse(json);
  const said = oauth.success ? { serverCode: oauth.data.error, ...(oauth.data.error_description ? { serverMessage: oauth.data.error_description } : {}) } : {};
  if (status === 400 && oauth.success && oauth.data.error === 'invalid_grant') return fail({ ...signInRequired(), status, ...said });
  if (status === 400) return fail(keeplinkError('auth-invalid', { status, ...said }));
  if (status === 408 || status === 429 || status >= 500) return fail(keeplinkError('server-error', { retryable: true, status, ...said }));
  if (status === 0 || (status >= 300 && status < 400)) return fail(keeplinkError('redirect', { status }));
  return fail(keeplinkError('unexpected-status', { status, ...said }));
}

const auth: TokenAuth<WallabagDestination> = {
  passwordRequest: (destination, password) => tokenRequest(destination, { grant_type: 'password', username: destination.username, password }),
  refreshRequest: (destination, refreshToken) => tokenRequest(destination, { grant_type: 'refresh_token', refresh_token: refreshToken }),
  readTokens,
};

// ---------------------------------------------------------------- success (200 entry, new or an existing one updated)
const nullableString = z.nullable(z.string());

export const wallabagSuccessSchema = z.object({
  id: z.int(),
  url: nullableString,
  title: nullableString,
  is_archived: z.union([z.literal(0), z.literal(1)]),
  is_starred: z.union([z.literal(0), z.literal(1)]),
  tags: z.array(z.object({ id: z.int(), label: z.string(), slug: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
  user_id: z.int(),
});

// ---------------------------------------------------------------- error (401 OAuth2 {error, error_description}; 400/500 FOSRest {code, message})
export const wallabagErrorSchema = z.pipe(
  z.object({
    error: z.optional(z.string()),
    error_description: z.optional(z.string()),
    code: z.optional(z.union([z.number(), z.string()])),
    message: z.optional(z.string()),
  }),
  z.transform((body) => ({ message: body.error_description ?? body.message, code: body.error })),
);

// ---------------------------------------------------------------- answers
/**
 * wallabag answers a URL it already has with that entry, updated, in the same 200 as a new one: only its dates tell
 * (api-specs/wallabag-create-entry.md). A new entry is stamped once, so its created_at and updated_at are the same
 * second; an existing one keeps its created_at and gets a new updated_at. Both come from the server's clock, so no
 * clock of ours is compared with it.
 */
function existedBefore(entry: { created_at: string; updated_at: string }): boolean {
  return entry.created_at !== entry.updated_at;
}

export const wallabag = defineProvider({
  id: 'wallabag',
  apiKeyRequired: true,
  settingsSchema: wallabagSettingsSchema,
  fields,
  buildRequest,
  checkRequest,
  // A re-save adds the sent tags and removes none; the create call has no note field at all.
  resave: { note: 'kept', tags: 'added' },
  success: {
    schema: wallabagSuccessSchema,
    read: (entry) => ({ id: String(entry.id), ...(existedBefore(entry) ? { existing: 'tags-added' as const } : {}) }),
    salvage: (loose) => ({ id: idAt(loose, 'id') }),
  },
  error: { schema: wallabagErrorSchema },
  rules: [
    // The only 401 that is not about the token ("OAuth2 authentication required"): the account is disabled or locked.
    { status: 401, serverCode: 'access_denied', message: /^(?!OAuth2 authentication required$)./, then: { kind: 'paused', code: 'auth-disabled' } },
  ],
  auth,
});
