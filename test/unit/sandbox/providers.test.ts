// Each imitated API answers with its documented success, validation and not-found shapes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileContract, describeErrors } from '../../contracts/schemas';
import { SANDBOX_IDS, sandboxBaseUrls, startSandbox, type Sandbox } from '../../sandbox/server';
import type { ListedRequest } from '../../sandbox/records';
import { PROVIDERS, bearer, control, create, postJson, validRequest } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 1 });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox.url, 'POST', '/reset'));

const SUCCESS_STATUS = {
  sharely: 201,
  shortpen: 200,
  userplane: 200,
  poozle: 201,
  'link-action': 201,
  linkding: 201,
  karakeep: 201,
  linkwarden: 200,
  webhook: 200,
  wallabag: 200,
} as const;

/** Services that answer a body that is not JSON in plain text, not in their JSON error shape. */
const PLAIN_TEXT_MALFORMED: Partial<Record<(typeof PROVIDERS)[number], string>> = { karakeep: 'Malformed JSON in request body', linkwarden: 'Invalid JSON' };

function expectContract(provider: (typeof PROVIDERS)[number], kind: 'response' | 'error', body: unknown): void {
  const validate = compileContract(provider, kind);
  expect(validate(body), describeErrors(validate).join('; ')).toBe(true);
}

describe.each(PROVIDERS)('%s', (provider) => {
  it('creates an item with the documented success status and body, and records a valid request', async () => {
    const response = await create(sandbox.url, provider, { 'idempotency-key': 'rec-1' });
    expect(response.status).toBe(SUCCESS_STATUS[provider]);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expectContract(provider, 'response', await response.json());

    const [record] = await control<ListedRequest[]>(sandbox.url, 'GET', `/requests?provider=${provider}`);
    expect(record).toMatchObject({ seq: 1, provider, method: 'POST', valid: true, status: SUCCESS_STATUS[provider], idempotencyKey: 'rec-1', authOk: true });
    expect(record?.createdId).toEqual(expect.any(String));
    expect(record?.errors).toBeUndefined();
  });

  it('rejects a body that breaks the contract with its own error shape and records the ajv errors', async () => {
    const request = validRequest(sandbox.url, provider);
    const response = await postJson(request.url, { ...request.body, unexpected: 1, linkReusable: 'yes', url: 42, specification_id: 'nope', expiresIn: 'soon' }, bearer(provider));
    expect([400, 422]).toContain(response.status);
    expectContract(provider, 'error', await response.json());

    const [record] = await control<ListedRequest[]>(sandbox.url, 'GET', `/requests?provider=${provider}`);
    expect(record?.valid).toBe(false);
    expect(record?.errors?.length).toBeGreaterThan(0);
    expect(record?.createdId).toBeUndefined();
    const stats = await control<{ byProvider: Record<string, { invalid: number; created: number }> }>(sandbox.url, 'GET', '/stats');
    expect(stats.byProvider[provider]).toMatchObject({ invalid: 1, created: 0 });
  });

  it('answers a body that is not JSON with a 400 and records it as invalid', async () => {
    const request = validRequest(sandbox.url, provider);
    const response = await postJson(request.url, '{"url": ', bearer(provider));
    expect(response.status).toBe(400);
    const plain = PLAIN_TEXT_MALFORMED[provider];
    if (plain) expect(await response.text()).toBe(plain);
    else expectContract(provider, 'error', await response.json());
    const [record] = await control<ListedRequest[]>(sandbox.url, 'GET', '/requests');
    expect(record).toMatchObject({ valid: false, body: '{"url": ' });
    expect(record?.errors?.[0]?.keyword).toBe('json');
  });
});

describe('provider details', () => {
  it('Sharely sends X-API-Version and answers 422 for a malformed URL, 400 naming a missing field', async () => {
    const ok = await create(sandbox.url, 'sharely');
    expect(ok.headers.get('x-api-version')).toBe('v1');
    const { id, knowledgeId } = (await ok.json()) as { id: string; knowledgeId: string };
    expect(knowledgeId).toBe(id);

    const request = validRequest(sandbox.url, 'sharely');
    const badUrl = await postJson(request.url, { type: 'LINK', url: 'not a url' }, bearer('sharely'));
    expect(badUrl.status).toBe(422);
    expect(await badUrl.json()).toEqual({ error: 'Unprocessable Entity', message: 'Invalid URL format' });
    const missing = await postJson(request.url, { type: 'LINK' }, bearer('sharely'));
    expect(await missing.json()).toEqual({ error: 'Bad Request', message: 'Missing required field: url' });
  });

  it('ShortPen returns a real PNG QR only when asked, a link under /s/<custom_slug>, and the link redirects with UTM params', async () => {
    const request = validRequest(sandbox.url, 'shortpen');
    const withQr = await postJson(request.url, { ...request.body, generate_qr: true, custom_slug: 'summer-2025', param: { utm_source: 'keeplink', utm_medium: '' } }, bearer('shortpen'));
    const { data } = (await withQr.json()) as { data: { link: string; short_url: string; qr: string | null; created: boolean } };
    expect(data.link).toBe(`${sandbox.url}/s/summer-2025`);
    expect(data.short_url).toBe(data.link);
    expect(data.created).toBe(true);
    expect(Buffer.from(data.qr ?? '', 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const plain = (await (await create(sandbox.url, 'shortpen')).json()) as { data: { link: string; qr: string | null } };
    expect(plain.data.qr).toBeNull();
    expect(plain.data.link).toMatch(new RegExp(`^${sandbox.url}/s/[a-z0-9]{7}$`));

    const redirect = await fetch(data.link, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.com/article?id=1&utm_source=keeplink');
  });

  it('Userplane returns a recording link on the sandbox, not on userplane.io, that opens', async () => {
    const body = (await (await create(sandbox.url, 'userplane')).json()) as { data: { workspaceId: string; link: { linkURL: string; linkId: string; linkReusable: boolean; linkTitle: string } } };
    expect(body.data.workspaceId).toBe(SANDBOX_IDS.userplane.workspaceId);
    expect(body.data.link.linkURL).toBe(`${sandbox.url}/r/${body.data.link.linkId}`);
    expect(body.data.link).toMatchObject({ linkReusable: false, linkTitle: 'Example article' });
    expect((await fetch(body.data.link.linkURL)).status).toBe(200);
  });

  it('Link action echoes the instance with a slug made from the name', async () => {
    const body = (await (await create(sandbox.url, 'link-action')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Example article', slug: 'example-article', status: 'pending', specification_id: SANDBOX_IDS['link-action'].specificationId });
  });
});

describe('unknown targets get each API’s documented answer', () => {
  const base = () => sandboxBaseUrls(sandbox.url);
  const cases = [
    {
      provider: 'sharely',
      url: () => `${base().sharely}/v1/workspaces/00000000-0000-4000-8000-000000000000/knowledge/link`,
      body: {},
      status: 403,
      expected: { error: 'Forbidden', message: 'Insufficient permissions for this workspace' },
    },
    { provider: 'shortpen', url: () => `${base().shortpen}/v1/generate`, body: { domain_id: 999 }, status: 400, expected: { success: false, data: { errors: { domain_id: ['The selected domain id is invalid.'] } } } },
    { provider: 'userplane', url: () => `${base().userplane}/public/workspace/ws_gone/links`, body: {}, status: 404, expected: { defined: true, code: 'WORKSPACE_NOT_FOUND', status: 404 } },
    { provider: 'userplane', url: () => validRequest(sandbox.url, 'userplane').url, body: { projectId: SANDBOX_IDS.userplane.deletedProjectId }, status: 410, expected: { code: 'LINK_PROJECT_DELETED' } },
    { provider: 'poozle', url: () => `${base().poozle}/v1/link`, body: { workspaceId: 'someone-else' }, status: 404, expected: { statusCode: 404, error: 'Not Found', path: '/poozle/v1/link' } },
    { provider: 'link-action', url: () => `${base()['link-action']}/links/missing/actions`, body: {}, status: 404, expected: { statusCode: 404, code: 'LINK_NOT_FOUND' } },
  ] as const;

  it.each(cases)('$provider → $status', async ({ provider, url, body, status, expected }) => {
    const response = await postJson(url(), { ...validRequest(sandbox.url, provider).body, ...body }, bearer(provider));
    expect(response.status).toBe(status);
    const answer: unknown = await response.json();
    expect(answer).toMatchObject(expected);
    expectContract(provider, 'error', answer);
  });

  it('answers other paths under a provider with 404 (405 for the wrong method) and does not record them', async () => {
    expect((await fetch(`${sandbox.url}/userplane/api/v1/public/nothing`)).status).toBe(404);
    const wrongMethod = await fetch(validRequest(sandbox.url, 'poozle').url);
    expect(wrongMethod.status).toBe(405);
    expect(await control<unknown[]>(sandbox.url, 'GET', '/requests')).toEqual([]);
  });
});
