// wallabag: the entry body, the token requests and answers, the read-only check, and every documented answer.
import { describe, expect, it } from 'vitest';
import { parseDestinationForm } from '../../../lib/destination-form';
import { wallabag } from '../../../lib/providers/wallabag';
import { destinations, HTML_PAGE, jsonAnswer, makeCapture, successBodies, wallabagOAuthError, wallabagRestError } from '../../contracts/fixtures';

const destination = destinations.wallabag;
const auth = wallabag.auth!;

function build(capture = makeCapture()) {
  const result = wallabag.buildRequest(capture, destination);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('wallabag.buildRequest', () => {
  it('posts url, title and comma-joined tags to /api/entries.json under the base path, with no key of its own', () => {
    const request = build(makeCapture({ note: 'not sent', tags: ['news', 'to read', 'a,b'], page: { sourceUrl: 'https://example.com/list' } }));
    expect(request.url).toBe('https://wallabag.example.org/sub/api/entries.json');
    expect(request.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(request.body).toEqual({ url: 'https://example.com/article', title: 'An article', tags: 'news,to read,a b', origin_url: 'https://example.com/list' });
  });

  it('omits a blank title and empty tags', () => {
    expect(build(makeCapture({ page: { title: ' ' }, tags: [] })).body).toEqual({ url: 'https://example.com/article' });
  });

  it('checks the connection with the read-only GET /api/user.json', () => {
    expect(wallabag.checkRequest?.(destination)).toEqual({ ok: true, value: { method: 'GET', url: 'https://wallabag.example.org/sub/api/user.json', headers: { accept: 'application/json' }, body: undefined } });
  });
});

describe('wallabag settings in the form', () => {
  it('keeps client id, username and the secret, and never the password', () => {
    const parsed = parseDestinationForm('wallabag', { id: 'w', name: 'Reading', baseUrl: 'https://wallabag.example.org', apiKey: 'client-secret', clientId: '3_abc', username: 'alice', password: 'hunter2' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual({ id: 'w', name: 'Reading', baseUrl: 'https://wallabag.example.org', apiKey: 'client-secret', clientId: '3_abc', username: 'alice', provider: 'wallabag' });
    expect(JSON.stringify(parsed.value)).not.toContain('hunter2');
  });

  it('needs the client id, the username and the client secret', () => {
    const parsed = parseDestinationForm('wallabag', { id: 'w', name: 'Reading', baseUrl: 'https://wallabag.example.org', apiKey: '' });
    expect(parsed).toEqual({ ok: false, errors: { apiKey: { code: 'required' }, clientId: { code: 'required' }, username: { code: 'required' } } });
  });
});

describe('wallabag token answers', () => {
  it('a token answer becomes a pair with its expiry', () => {
    const answer = jsonAnswer(200, { access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'bearer', scope: null });
    expect(auth.readTokens(answer, 1000)).toEqual({ ok: true, value: { accessToken: 'a', refreshToken: 'r', expiresAt: 1000 + 3_600_000 } });
  });

  it.each([
    ['invalid_grant', 'Invalid refresh token', 'auth-signin-required', false],
    ['invalid_grant', 'Refresh token has expired', 'auth-signin-required', false],
    ['invalid_grant', 'Invalid username and password combination', 'auth-signin-required', false],
    ['invalid_client', 'The client credentials are invalid', 'auth-invalid', false],
    ['unauthorized_client', 'The grant type is unauthorized for this client_id', 'auth-invalid', false],
    ['invalid_request', 'Invalid grant_type parameter or parameter missing', 'auth-invalid', false],
    ['invalid_scope', 'An unsupported scope was requested.', 'auth-invalid', false],
  ])('400 %s (%s) → %s', (error, description, code, retryable) => {
    expect(auth.readTokens(jsonAnswer(400, wallabagOAuthError(error, description)), 0)).toEqual({
      ok: false,
      error: expect.objectContaining({ code, retryable, status: 400, serverCode: error, serverMessage: description }),
    });
  });

  it.each([500, 503, 429])('%i from the token endpoint is retryable', (status) => {
    expect(auth.readTokens(jsonAnswer(status, wallabagRestError(status, 'down')), 0)).toMatchObject({ ok: false, error: { code: 'server-error', retryable: true } });
  });

  it('a web page instead of tokens is retryable, and a redirect is not', () => {
    expect(auth.readTokens(HTML_PAGE, 0)).toMatchObject({ ok: false, error: { code: 'not-api-response', retryable: true } });
    expect(auth.readTokens({ status: 0, headers: {}, bodyText: '' }, 0)).toMatchObject({ ok: false, error: { code: 'redirect', retryable: false } });
  });
});

describe('wallabag.classify', () => {
  it('200 with one timestamp → a new entry, synced with its id', () => {
    expect(wallabag.classify(jsonAnswer(200, successBodies.wallabag))).toEqual({ kind: 'synced', result: { id: '1234' } });
  });

  it('200 with an entry updated after it was created → already in wallabag, its tags added to', () => {
    const updated = { ...successBodies.wallabag, updated_at: '2026-08-21T08:00:03+0000', tags: [{ id: 7, label: 'news', slug: 't:news' }, { id: 9, label: 'later', slug: 't:later' }] };
    expect(wallabag.classify(jsonAnswer(200, updated))).toEqual({ kind: 'synced', result: { id: '1234', existing: 'tags-added' } });
  });

  it('a 200 that breaks the entry schema is delivered with a warning and its id', () => {
    expect(wallabag.classify(jsonAnswer(200, { id: 77 }))).toMatchObject({ kind: 'synced', result: { id: '77' }, warning: { code: 'malformed-response' } });
  });

  it.each([
    [401, wallabagOAuthError('invalid_grant', 'The access token provided is invalid.'), 'paused', 'auth-invalid'],
    [401, wallabagOAuthError('invalid_grant', 'The access token provided has expired.'), 'paused', 'auth-invalid'],
    [401, wallabagOAuthError('access_denied', 'OAuth2 authentication required'), 'paused', 'auth-invalid'],
    [401, wallabagOAuthError('access_denied', 'User account is locked.'), 'paused', 'auth-disabled'],
    [400, wallabagRestError(400, 'The url \'"ftp://x"\' is not a valid url\n'), 'failed', 'bad-request'],
    [400, wallabagRestError(400, 'Invalid json message received'), 'failed', 'bad-request'],
    [500, wallabagRestError(500, 'Internal Server Error'), 'retry', 'server-error'],
  ] as const)('%i %j → %s %s', (status, body, kind, code) => {
    const message = 'error_description' in body ? body.error_description : body.message;
    expect(wallabag.classify(jsonAnswer(status, body))).toMatchObject({ kind, error: { code, status, serverMessage: message.trim() } });
  });

  it('a 2xx web page is retried, then pauses; a redirect pauses', () => {
    expect(wallabag.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
    expect(wallabag.classify({ status: 302, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });
});
