// Link action: a pending action on a link, carrying the page as parameters, and its answers.
import { describe, expect, it } from 'vitest';
import { linkAction } from '../../../lib/providers/link-action';
import { destinations, HTML_PAGE, jsonAnswer, linkActionError, makeCapture, successBodies, UUID_A, UUID_B } from '../../contracts/fixtures';

const destination = destinations['link-action'];

function build(capture = makeCapture(), d = destination) {
  const result = linkAction.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('linkAction.buildRequest', () => {
  it('posts to the path-encoded link with name, parameters, one info message and status pending', () => {
    const request = build(makeCapture({ note: 'n', tags: ['t'], page: { siteName: 'Example' } }));
    expect(request.url).toBe('https://actions.example.com/links/link%201/actions');
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.body).toEqual({
      name: 'An article',
      specification_id: UUID_B,
      parameters: { url: 'https://example.com/article', title: 'An article', note: 'n', tags: ['t'], siteName: 'Example' },
      messages: [{ level: 'info', message: 'Saved from Keeplink: https://example.com/article' }],
      status: 'pending',
    });
  });

  it('names the action after the host when the title is blank, and adds service_id when set', () => {
    const body = build(makeCapture({ page: { title: '' } }), { ...destination, serviceId: UUID_A }).body;
    expect(body).toMatchObject({ name: 'example.com', service_id: UUID_A, parameters: { url: 'https://example.com/article' } });
    expect((body as { parameters: object }).parameters).not.toHaveProperty('title');
  });

  it('keeps a base URL path prefix', () => {
    expect(build(makeCapture(), { ...destination, baseUrl: 'https://example.com/api/v2' }).url).toBe('https://example.com/api/v2/links/link%201/actions');
  });

  it('never returns a body that breaks the contract (a stored specification id that is not a UUID)', () => {
    const result = linkAction.buildRequest(makeCapture(), { ...destination, specificationId: 'spec-1' });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'field-invalid', details: expect.objectContaining({ path: 'specification_id' }) }) });
  });
});

describe('linkAction.classify', () => {
  it('2xx → the instance id and slug', () => {
    expect(linkAction.classify(jsonAnswer(201, successBodies['link-action']))).toEqual({
      kind: 'synced',
      result: { id: UUID_A, extra: { slug: 'an-article' } },
    });
    expect(linkAction.classify(jsonAnswer(200, {}))).toEqual({ kind: 'synced', result: {} });
  });

  it.each([
    [400, 'Bad Request', 'failed', 'bad-request'],
    [401, 'Unauthorized', 'paused', 'auth-invalid'],
    [403, 'Forbidden', 'paused', 'forbidden'],
    [404, 'Not Found', 'paused', 'not-found'],
    [409, 'Conflict', 'failed', 'unexpected-status'],
    [422, 'Unprocessable Entity', 'failed', 'unprocessable'],
    [500, 'Internal Server Error', 'retry', 'server-error'],
    [503, 'Service Unavailable', 'retry', 'service-unavailable'],
  ] as const)('%i → %s %s with code and message', (status, error, kind, code) => {
    expect(linkAction.classify(jsonAnswer(status, linkActionError(status, error, 'details here', 'E_SOMETHING')))).toMatchObject({
      kind,
      error: { code, status, serverCode: 'E_SOMETHING', serverMessage: 'details here' },
    });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(linkAction.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 302])('redirect (status %i) pauses', (status) => {
    expect(linkAction.classify({ status, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a 2xx whose fields have the wrong type is delivered with a warning', () => {
    expect(linkAction.classify(jsonAnswer(201, { id: 'not-a-uuid', slug: 'x', status: 'weird' }))).toEqual({
      kind: 'synced',
      result: { id: 'not-a-uuid', extra: { slug: 'x' } },
      warning: expect.objectContaining({ code: 'malformed-response' }),
    });
  });
});
