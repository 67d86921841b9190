// The sandbox's fixed world: provider ids, valid API keys, valid workspace/domain/spec ids, base URLs.
import { providerIds } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';

export const SANDBOX_PROVIDERS: readonly ProviderId[] = providerIds;

/** The key each provider accepts until a test sets another one or revokes it. */
export const SANDBOX_KEYS: Readonly<Record<ProviderId, string>> = {
  sharely: 'sk_sandbox_sharely_0001',
  shortpen: 'sp_sandbox_token_0001',
  userplane: 'uspl_sandbox_key_0001',
  poozle: 'pz_sandbox_key_0001',
  'link-action': 'la_sandbox_key_0001',
  // self-hosted bookmark services: each in its service's own key format
  linkding: '5a0d1c3e7b9f2a4c6e8d0b1a3c5e7f9d2b4a6c8e',
  karakeep: 'ak2_0f1e2d3c4b5a69788796_a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0',
  linkwarden: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..sandbox-linkwarden-token',
  webhook: 'whsec_sandbox_0001',
  /** wallabag's client secret (its tokens come from /oauth/v2/token). */
  wallabag: 'wb_client_secret_0001',
};

/** Ids that exist in the sandbox; anything else gets the provider's not-found (or forbidden) answer. */
export const SANDBOX_IDS = {
  sharely: { workspaceId: '3f6c1a52-8d4e-4b7a-9c21-5e0f7d2b9a14' },
  shortpen: { domainId: 1, workspaceId: 24, folderId: 7, tagIds: [12, 18] },
  userplane: {
    workspaceId: 'ws_sandbox',
    domainId: 'dom_sandbox',
    projectId: 'prj_sandbox',
    /** A project that existed once: creating a link in it answers 410 LINK_PROJECT_DELETED. */
    deletedProjectId: 'prj_deleted',
  },
  poozle: { workspaceId: '0a58f56e-3f59-4f4e-a8e1-a9e47aae5c3c' },
  'link-action': {
    linkId: '6a1f3c9e-2b7d-4e58-9f03-7c4d1e2a8b65',
    specificationId: 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
    serviceId: '9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a',
  },
  // self-hosted bookmark services
  /** Linkwarden collections: Unorganized, where a link without a collection goes, and one more. */
  linkwarden: { unorganizedId: 1, collectionId: 3 },
  webhook: { hookId: 'hook_sandbox', secretHeader: 'x-webhook-secret' },
  wallabag: { clientId: '3_sandbox4f8k2m9q1s7w0c4g8okc0s4w8g', username: 'alice', password: 'correct horse battery staple' },
} as const;

/** Each destination's base URL in Keeplink when it points at a sandbox served from `url`. */
export function sandboxBaseUrls(url: string): Record<ProviderId, string> {
  const origin = url.replace(/\/+$/, '');
  return {
    sharely: `${origin}/sharely`,
    shortpen: `${origin}/shortpen`,
    userplane: `${origin}/userplane/api/v1`,
    poozle: `${origin}/poozle`,
    'link-action': `${origin}/link-action`,
    // self-hosted bookmark services
    linkding: `${origin}/linkding`,
    karakeep: `${origin}/karakeep`,
    linkwarden: `${origin}/linkwarden`,
    webhook: `${origin}/webhook/hooks/${SANDBOX_IDS.webhook.hookId}`,
    wallabag: `${origin}/wallabag`,
  };
}

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (SANDBOX_PROVIDERS as readonly string[]).includes(value);
}
