// Shared test data for the providers: captures, one destination per service, and documented server answers.
import { buildCapture, type Capture, type CaptureLimits, type Page } from '../../lib/capture';
import type { Result } from '../../lib/errors';
import { limitsFor, type Destination, type DestinationOf } from '../../lib/providers';
import type { HttpAnswer, ProviderId } from '../../lib/providers/types';
import { DEFAULT_WEBHOOK_TEMPLATE } from '../../lib/providers/webhook-template';

export const UUID_A = '123e4567-e89b-12d3-a456-426614174000';
export const UUID_B = '987fcdeb-51a2-43f7-b8c9-123456789abc';
export const UUID_C = '550e8400-e29b-41d4-a716-446655440000';

export interface CaptureOverrides extends Partial<Omit<Capture, 'page' | 'tags'>> {
  page?: Partial<Page>;
  tags?: readonly string[];
}

/** A capture as the one boundary builds it (lib/capture.ts buildCapture): trimmed, URL- and length-checked. */
export function buildTestCapture(overrides: CaptureOverrides = {}, limits?: CaptureLimits): Result<Capture> {
  const { page, id, createdAt, source, tags, destinationId, note, options, incognito } = overrides;
  return buildCapture(
    {
      page: { url: 'https://example.com/article', title: 'An article', ...page },
      source: source ?? 'popup',
      destinationId: destinationId ?? 'dest-1',
      tags: tags ?? [],
      ...(note === undefined ? {} : { note }),
      ...(options === undefined ? {} : { options }),
      ...(incognito === undefined ? {} : { incognito }),
    },
    { uuid: () => id ?? 'a3bb189e-8bf9-4888-9912-ace4e6543002', now: () => createdAt ?? 1_700_000_000_000 },
    limits,
  );
}

/** The capture built for one destination, within its provider's limits (the save path's prepareCapture). */
export function captureFor(destination: Destination, overrides: CaptureOverrides = {}): Result<Capture> {
  return buildTestCapture(overrides, limitsFor(destination));
}

/** The capture providers are given: one that passed the boundary, or the test fails here. */
export function makeCapture(overrides: CaptureOverrides = {}): Capture {
  const built = buildTestCapture(overrides);
  if (!built.ok) throw new Error(`test capture refused: ${built.error.code} ${built.error.field ?? ''}`);
  return built.value;
}

const common = { name: 'Test', apiKey: 'secret-key' };

export const destinations: { [K in ProviderId]: DestinationOf<K> } = {
  sharely: { ...common, id: 'd-sharely', provider: 'sharely', baseUrl: 'https://api.sharely.ai', workspaceId: UUID_A },
  shortpen: { ...common, id: 'd-shortpen', provider: 'shortpen', baseUrl: 'https://api.shortpen.com', domainId: 3 },
  userplane: {
    ...common,
    apiKey: 'uspl_abc',
    id: 'd-userplane',
    provider: 'userplane',
    baseUrl: 'https://api.userplane.io/api/v1',
    workspaceId: 'ws_1',
    domainId: 'dom_1',
    linkReusable: false,
  },
  poozle: {
    ...common,
    apiKey: '',
    id: 'd-poozle',
    provider: 'poozle',
    baseUrl: 'https://poozle.example.com',
    workspaceId: UUID_C,
    categories: ['TICKETING'],
    expiresIn: 604800,
  },
  'link-action': {
    ...common,
    apiKey: '',
    id: 'd-link-action',
    provider: 'link-action',
    baseUrl: 'https://actions.example.com',
    linkId: 'link 1',
    specificationId: UUID_B,
  },
  // self-hosted bookmark services
  linkding: { ...common, apiKey: 'a'.repeat(40), id: 'd-linkding', provider: 'linkding', baseUrl: 'https://links.example.org', unread: false },
  karakeep: { ...common, apiKey: `ak2_${'1'.repeat(20)}_${'2'.repeat(32)}`, id: 'd-karakeep', provider: 'karakeep', baseUrl: 'https://karakeep.example.org' },
  linkwarden: { ...common, apiKey: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.sandbox', id: 'd-linkwarden', provider: 'linkwarden', baseUrl: 'https://links.example.net' },
  webhook: {
    ...common,
    id: 'd-webhook',
    provider: 'webhook',
    baseUrl: 'https://hooks.example.com/in/abc',
    method: 'POST',
    secretHeaderName: 'X-Webhook-Secret',
    extraHeaders: [{ name: 'X-Team', value: 'research' }],
    bodyTemplate: DEFAULT_WEBHOOK_TEMPLATE,
  },
  wallabag: { ...common, id: 'd-wallabag', provider: 'wallabag', baseUrl: 'https://wallabag.example.org/sub', clientId: '3_4f8k2m9q1s7w0c4g8okc0s4w8g', username: 'alice' },
};

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, bodyText: JSON.stringify(body) };
}

export const HTML_PAGE: HttpAnswer = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  bodyText: '<!doctype html><title>Sign in to the Wi-Fi</title>',
};

/** linkding's bookmark as it answers a create; date_added is makeCapture's createdAt, as a fresh create keeps it. */
export function linkdingBookmark(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 42,
    url: 'https://example.com/article',
    title: 'An article',
    description: '',
    notes: '',
    web_archive_snapshot_url: 'https://web.archive.org/web/20231114221320/https://example.com/article',
    favicon_url: null,
    preview_image_url: null,
    is_archived: false,
    unread: false,
    shared: false,
    tag_names: [],
    date_added: '2023-11-14T22:13:20.000000Z',
    date_modified: '2023-11-14T22:13:20.456789Z',
    website_title: null,
    website_description: null,
    ...overrides,
  };
}

/** Karakeep's bookmark as it answers a create (content shortened as in the spec's example). */
export function karakeepBookmark(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'ieidlxygmwj87oxz5hxttoc8',
    createdAt: '2026-08-20T10:15:00.000Z',
    modifiedAt: '2026-08-20T10:15:00.000Z',
    title: null,
    archived: false,
    favourited: false,
    taggingStatus: 'pending',
    summarizationStatus: 'pending',
    embeddingStatus: 'pending',
    note: null,
    summary: null,
    source: 'extension',
    userId: 'u4x1wq0n2m3k5j6h7g8f9d0s',
    tags: [],
    content: { type: 'link', url: 'https://example.com/article', title: null, crawlStatus: 'pending' },
    assets: [],
    alreadyExists: false,
    ...overrides,
  };
}

/** Karakeep's 400: zod-validator's object, whose message is the JSON text of the issues. */
export function karakeepZodError(issues: { path: (string | number)[]; message: string; code?: string }[]): Record<string, unknown> {
  return { success: false, error: { name: 'ZodError', message: JSON.stringify(issues.map((issue) => ({ code: 'custom', ...issue }))) } };
}

/** Linkwarden's 200 {response: Link} for a create. */
export function linkwardenLink(overrides: Record<string, unknown> = {}): { response: Record<string, unknown> } {
  return {
    response: {
      id: 117,
      name: 'An article',
      type: 'url',
      description: '',
      createdById: 1,
      collectionId: 3,
      url: 'https://example.com/article',
      preview: null,
      image: null,
      pdf: null,
      readable: null,
      monolith: null,
      clientSide: false,
      aiTagged: false,
      lastPreserved: null,
      importDate: null,
      createdAt: '2026-08-20T10:15:00.000Z',
      updatedAt: '2026-08-20T10:15:00.000Z',
      tags: [{ id: 5, name: 'news', ownerId: 1 }],
      collection: { id: 3, name: 'Unorganized', ownerId: 1, parentId: null, isPublic: false },
      ...overrides,
    },
  };
}

/** Documented success bodies, one per provider (validated against the response contracts). */
export const successBodies = {
  sharely: { id: UUID_C, knowledgeId: UUID_C },
  shortpen: {
    success: true,
    status_code: 200,
    message: '',
    data: { link: 'https://go.shortpen.com/summer-2025', short_url: 'https://go.shortpen.com/summer-2025', qr: 'iVBORw0KGgo=', created: true },
  },
  userplane: {
    message: 'Link created',
    data: {
      workspaceId: 'ws_1',
      link: {
        linkId: 'lnk_1',
        linkTitle: null,
        linkType: 'recording',
        linkReusable: false,
        linkProviderType: 'web',
        linkProviderId: null,
        linkProviderReference: null,
        linkURL: 'https://rec.userplane.io/l/lnk_1',
        linkMeta: { title: 'An article' },
        createdAt: '2025-01-15T10:00:00.000Z',
        project: { projectId: 'prj_1', title: 'Default' },
        creator: { workspaceMemberId: 'wm_1', name: 'Ada' },
        domain: { domainId: 'dom_1', url: 'https://example.com', status: 'verified' },
      },
    },
  },
  poozle: {
    linkId: 'lnk_poozle_1',
    linkName: 'An article',
    canExpire: true,
    preferOAuth: false,
    expiresIn: 604800,
    category: ['TICKETING'],
    workspaceId: UUID_C,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:00:00.000Z',
    IntegrationAccount: [],
  },
  'link-action': {
    id: UUID_A,
    name: 'An article',
    slug: 'an-article',
    specification_id: UUID_B,
    messages: [{ level: 'info', message: 'Saved from Keeplink: https://example.com/article' }],
    created_at: '2025-01-15T10:00:00.000Z',
    status: 'pending',
    parameters: { url: 'https://example.com/article' },
  },
  // self-hosted bookmark services
  linkding: linkdingBookmark(),
  karakeep: karakeepBookmark(),
  linkwarden: linkwardenLink(),
  webhook: { received: true, id: 'evt_1' },
  wallabag: {
    id: 1234,
    uid: null,
    title: 'Example article',
    url: 'https://example.com/article',
    given_url: 'https://example.com/article',
    origin_url: null,
    is_archived: 0,
    is_starred: 0,
    is_public: false,
    archived_at: null,
    starred_at: null,
    created_at: '2026-08-20T10:15:00+0000',
    updated_at: '2026-08-20T10:15:00+0000',
    published_at: null,
    published_by: null,
    content: '<p>…</p>',
    mimetype: 'text/html',
    language: 'en',
    reading_time: 3,
    domain_name: 'example.com',
    preview_picture: null,
    http_status: '200',
    annotations: [],
    tags: [{ id: 7, label: 'news', slug: 't:news' }],
    user_id: 1,
    user_name: 'alice',
    user_email: 'alice@example.org',
    _links: { self: { href: '/api/entries/1234' } },
  },
} satisfies Record<ProviderId, unknown>;

/** A Userplane error body as its spec defines every documented code. */
export function userplaneError(code: string, status: number): Record<string, unknown> {
  return { defined: true, code, status, message: `${code} happened` };
}

export const wallabagOAuthError = (error: string, description: string) => ({ error, error_description: description });
export const wallabagRestError = (code: number, message: string) => ({ code, message });

export const sharelyError = (error: string, message: string) => ({ error, message });
export const shortpenError = (status: number, message: string) => ({ success: false, status_code: status, message, data: null });
export const poozleError = (status: number, message: string) => ({ statusCode: status, message, error: 'Bad Request', path: '/v1/link' });
export const linkActionError = (status: number, error: string, message: string, code?: string) => ({
  statusCode: status,
  error,
  message,
  ...(code ? { code } : {}),
});
