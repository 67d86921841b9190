// Userplane: the strict body (linkMeta only), the key-prefix warning, and every documented error code.
import { describe, expect, it } from 'vitest';
import { userplane } from '../../../lib/providers/userplane';
import { captureFor, destinations, HTML_PAGE, jsonAnswer, makeCapture, successBodies, userplaneError } from '../../contracts/fixtures';

const destination = destinations.userplane;

function build(capture = makeCapture(), d = destination) {
  const result = userplane.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('userplane.buildRequest', () => {
  it('keeps the /api/v1 prefix and path-encodes the workspace', () => {
    expect(build().url).toBe('https://api.userplane.io/api/v1/public/workspace/ws_1/links');
    expect(build(makeCapture(), { ...destination, workspaceId: 'a b' }).url).toBe('https://api.userplane.io/api/v1/public/workspace/a%20b/links');
  });

  it('never builds a path out of a ".." workspace id (it would name another route)', () => {
    const result = userplane.buildRequest(makeCapture(), { ...destination, workspaceId: '..' });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'field-invalid', field: 'workspaceId' }) });
  });

  it('puts title, note and tags in linkMeta as strings, and always sends linkReusable', () => {
    const body = build(makeCapture({ note: 'see 2:14', tags: ['bug', 'checkout'] }), { ...destination, linkReusable: true, projectId: 'prj_1' }).body;
    expect(body).toEqual({
      domainId: 'dom_1',
      linkReusable: true,
      projectId: 'prj_1',
      linkReference: 'https://example.com/article',
      linkMeta: { title: 'An article', note: 'see 2:14', tags: 'bug, checkout' },
    });
  });

  it('omits linkMeta and projectId when there is nothing to send', () => {
    expect(build(makeCapture({ page: { title: '' } })).body).toEqual({ domainId: 'dom_1', linkReusable: false, linkReference: 'https://example.com/article' });
  });

  it.each([
    ['url', { page: { url: `https://example.com/${'p'.repeat(2048)}` } }, 2048],
    ['title', { page: { title: 't'.repeat(1025) } }, 1024],
    ['note', { note: 'n'.repeat(1025) }, 1024],
    ['tags', { tags: Array.from({ length: 40 }, (_, i) => `tag-${i}-${'x'.repeat(25)}`) }, 1024],
  ] as const)('refuses a %s over its limit at that field, before queueing', (field, capture, max) => {
    expect(captureFor(destination, capture)).toEqual({ ok: false, error: expect.objectContaining({ code: 'field-too-long', field, details: expect.objectContaining({ max }) }) });
  });
});

describe('userplane.settingsWarnings', () => {
  it('warns (field-invalid on apiKey) when the key lacks uspl_, and only then', () => {
    expect(userplane.settingsWarnings?.({ ...destination, apiKey: 'abc' })).toEqual([
      expect.objectContaining({ code: 'field-invalid', field: 'apiKey', details: { expectedPrefix: 'uspl_' } }),
    ]);
    expect(userplane.settingsWarnings?.(destination)).toEqual([]);
    expect(userplane.settingsWarnings?.({ ...destination, apiKey: '' })).toEqual([]);
  });
});

describe('userplane.classify', () => {
  it('200 → the link id and the recording link', () => {
    expect(userplane.classify(jsonAnswer(200, successBodies.userplane))).toEqual({
      kind: 'synced',
      result: { id: 'lnk_1', link: 'https://rec.userplane.io/l/lnk_1' },
    });
  });

  it.each([
    ['BAD_REQUEST', 400, 'failed', 'bad-request'],
    ['API_KEY_REQUIRED', 401, 'paused', 'auth-missing'],
    ['API_KEY_INVALID', 401, 'paused', 'auth-invalid'],
    ['API_KEY_EXPIRED', 401, 'paused', 'auth-expired'],
    ['API_KEY_DISABLED', 403, 'paused', 'auth-disabled'],
    ['NOT_A_MEMBER', 403, 'paused', 'not-a-member'],
    ['LINK_WORKSPACE_MISMATCH', 403, 'paused', 'forbidden'],
    ['PLAN_LIMIT_EXCEEDED', 403, 'paused', 'plan-limit'],
    ['WORKSPACE_NOT_FOUND', 404, 'paused', 'workspace-not-found'],
    ['LINK_NOT_FOUND', 404, 'paused', 'not-found'],
    ['LINK_DEFAULT_PROJECT_NOT_FOUND', 404, 'paused', 'project-not-found'],
    ['WORKSPACE_GONE', 410, 'paused', 'workspace-gone'],
    ['LINK_GONE', 410, 'paused', 'not-found'],
    ['LINK_PROJECT_DELETED', 410, 'paused', 'project-gone'],
    ['RATE_LIMITED', 429, 'retry', 'rate-limited'],
    ['LINK_CREATE_FAILED', 500, 'retry', 'server-error'],
    ['SERVICE_UNAVAILABLE', 503, 'retry', 'service-unavailable'],
  ] as const)('%s (%i) → %s %s, keeping the server code', (serverCode, status, kind, code) => {
    expect(userplane.classify(jsonAnswer(status, userplaneError(serverCode, status)))).toMatchObject({
      kind,
      error: { code, status, serverCode, serverMessage: `${serverCode} happened` },
    });
  });

  it('RATE_LIMITED honours Retry-After', () => {
    expect(userplane.classify(jsonAnswer(429, userplaneError('RATE_LIMITED', 429), { 'retry-after': '30' }))).toMatchObject({
      kind: 'retry',
      retryAfterMs: 30_000,
    });
  });

  it('an undefined code falls back to its status', () => {
    const outcome = userplane.classify(jsonAnswer(401, { defined: false, code: 'SOMETHING_NEW', status: 401, message: 'hm' }));
    expect(outcome).toMatchObject({ kind: 'paused', error: { code: 'auth-invalid', serverCode: 'SOMETHING_NEW' } });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(userplane.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 302])('redirect (status %i) pauses', (status) => {
    expect(userplane.classify({ status, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a 200 that breaks the schema is delivered with a warning and what can be read', () => {
    const outcome = userplane.classify(jsonAnswer(200, { data: { link: { linkId: 'lnk_9', linkURL: 'https://rec.userplane.io/l/lnk_9' } } }));
    expect(outcome).toEqual({
      kind: 'synced',
      result: { id: 'lnk_9', link: 'https://rec.userplane.io/l/lnk_9' },
      warning: expect.objectContaining({ code: 'malformed-response' }),
    });
  });
});
