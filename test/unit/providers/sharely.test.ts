// Sharely: the knowledge-link body and every documented answer.
import { describe, expect, it } from 'vitest';
import { sharely } from '../../../lib/providers/sharely';
import { destinations, HTML_PAGE, jsonAnswer, makeCapture, sharelyError, successBodies, UUID_A, UUID_C } from '../../contracts/fixtures';

const destination = destinations.sharely;

function build(capture = makeCapture(), d = destination) {
  const result = sharely.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('sharely.buildRequest', () => {
  it('posts a LINK with title and metadata to the workspace path', () => {
    const request = build(
      makeCapture({ note: 'Read later', tags: ['a', 'b'], page: { siteName: 'Example', canonicalUrl: 'https://example.com/c' } }),
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.sharely.ai/v1/workspaces/${UUID_A}/knowledge/link`);
    expect(request.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer secret-key' });
    expect(request.body).toEqual({
      type: 'LINK',
      url: 'https://example.com/article',
      title: 'An article',
      metadata: { note: 'Read later', tags: ['a', 'b'], siteName: 'Example', canonicalUrl: 'https://example.com/c', source: 'popup' },
    });
  });

  it('omits blank optional values', () => {
    const body = build(makeCapture({ page: { title: ' ', description: '' }, note: '' })).body;
    expect(body).toEqual({ type: 'LINK', url: 'https://example.com/article', metadata: { source: 'popup' } });
  });

  it('keeps a base URL path prefix', () => {
    expect(build(makeCapture(), { ...destination, baseUrl: 'https://proxy.example.com/sharely/' }).url).toBe(
      `https://proxy.example.com/sharely/v1/workspaces/${UUID_A}/knowledge/link`,
    );
  });

});

describe('sharely.classify', () => {
  it('201 → synced with the knowledge id', () => {
    expect(sharely.classify(jsonAnswer(201, successBodies.sharely))).toEqual({ kind: 'synced', result: { id: UUID_C } });
  });

  it.each([
    [400, sharelyError('Bad Request', 'Missing required field: url'), 'failed', 'bad-request'],
    [401, sharelyError('Unauthorized', 'Invalid or missing API key'), 'paused', 'auth-invalid'],
    [403, sharelyError('Forbidden', 'Insufficient permissions for this workspace'), 'paused', 'forbidden'],
    [404, sharelyError('Not Found', 'Workspace not found'), 'paused', 'workspace-not-found'],
    [422, sharelyError('Unprocessable Entity', 'Invalid URL format'), 'failed', 'unprocessable'],
    [500, sharelyError('Internal Server Error', 'boom'), 'retry', 'server-error'],
  ] as const)('%i → %s %s with the server message', (status, body, kind, code) => {
    const outcome = sharely.classify(jsonAnswer(status, body));
    expect(outcome).toMatchObject({ kind, error: { code, status, serverMessage: body.message } });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(sharely.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 302])('redirect (status %i) pauses', (status) => {
    expect(sharely.classify({ status, headers: { location: 'https://login.example.com' }, bodyText: '' })).toMatchObject({
      kind: 'paused',
      error: { code: 'redirect' },
    });
  });

  it('a JSON body that breaks the schema is delivered with a warning and the id it still has', () => {
    const outcome = sharely.classify(jsonAnswer(201, { knowledgeId: 'not-a-uuid' }));
    expect(outcome).toEqual({ kind: 'synced', result: { id: 'not-a-uuid' }, warning: expect.objectContaining({ code: 'malformed-response' }) });
  });
});
