// Poozle: a link named after the page (no URL in the body), categories, optional key, and its answers.
import { describe, expect, it } from 'vitest';
import { poozle } from '../../../lib/providers/poozle';
import { destinations, HTML_PAGE, jsonAnswer, makeCapture, poozleError, successBodies, UUID_C } from '../../contracts/fixtures';

const destination = destinations.poozle;

function build(capture = makeCapture(), d = destination) {
  const result = poozle.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('poozle.buildRequest', () => {
  it('names the link after the title and sends no URL and no key when none is set', () => {
    const request = build();
    expect(request.url).toBe('https://poozle.example.com/v1/link');
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.body).toEqual({ linkName: 'An article', category: ['TICKETING'], expiresIn: 604800, workspaceId: UUID_C });
  });

  it('falls back to the host when the title is blank, and sends a configured key as Bearer', () => {
    const request = build(makeCapture({ page: { title: ' ', url: 'https://docs.example.org:8443/x?y=1' } }), {
      ...destination,
      apiKey: 'pk',
      integrationDefinitionId: 'int-def-1',
    });
    expect(request.headers.authorization).toBe('Bearer pk');
    expect(request.body).toMatchObject({ linkName: 'docs.example.org:8443', integrationDefinitionId: 'int-def-1' });
  });

  it("uses the capture's own categories, upper-cased and unique, over the destination's", () => {
    expect(build(makeCapture({ options: { categories: ['crm', ' CRM ', 'hris', ''] } })).body).toMatchObject({ category: ['CRM', 'HRIS'] });
    expect(build(makeCapture({ options: { categories: [' '] } })).body).toMatchObject({ category: ['TICKETING'] });
  });

  it('keeps a base URL path prefix', () => {
    expect(build(makeCapture(), { ...destination, baseUrl: 'https://example.com/poozle/api' }).url).toBe('https://example.com/poozle/api/v1/link');
  });
});

describe('poozle.classify', () => {
  it('201 → the link id', () => {
    expect(poozle.classify(jsonAnswer(201, successBodies.poozle))).toEqual({ kind: 'synced', result: { id: 'lnk_poozle_1' } });
  });

  it.each([
    [400, 'failed', 'bad-request'],
    [401, 'paused', 'auth-invalid'],
    [404, 'paused', 'workspace-not-found'],
    [500, 'retry', 'server-error'],
  ] as const)('%i → %s %s', (status, kind, code) => {
    expect(poozle.classify(jsonAnswer(status, poozleError(status, 'workspaceId must be a string')))).toMatchObject({
      kind,
      error: { code, status, serverMessage: 'workspaceId must be a string' },
    });
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(poozle.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 302])('redirect (status %i) pauses', (status) => {
    expect(poozle.classify({ status, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a 201 that breaks the schema is delivered with a warning', () => {
    expect(poozle.classify(jsonAnswer(201, { linkId: 'lnk_2' }))).toEqual({
      kind: 'synced',
      result: { id: 'lnk_2' },
      warning: expect.objectContaining({ code: 'malformed-response' }),
    });
  });
});
