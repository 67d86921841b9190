// ShortPen: the generate body, per-capture options, and its answers (success: false, domain 400, quota 429).
import { describe, expect, it } from 'vitest';
import { shortpen } from '../../../lib/providers/shortpen';
import { captureFor, destinations, HTML_PAGE, jsonAnswer, makeCapture, shortpenError, successBodies } from '../../contracts/fixtures';

const destination = destinations.shortpen;

function build(capture = makeCapture(), d = destination) {
  const result = shortpen.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('shortpen.buildRequest', () => {
  it('sends url, domain and title to /v1/generate; nothing else by default', () => {
    const request = build();
    expect(request.url).toBe('https://api.shortpen.com/v1/generate');
    expect(request.headers.authorization).toBe('Bearer secret-key');
    expect(request.body).toEqual({ url: 'https://example.com/article', domain_id: 3, title: 'An article' });
  });

  it('adds destination ids and capture options', () => {
    const request = build(
      makeCapture({
        note: 'for the campaign',
        options: { customSlug: ' summer-2025 ', utm: { source: 'newsletter', medium: ' ', campaign: 'launch' }, qr: true },
      }),
      { ...destination, workspaceId: 24, folderId: 7, tagIds: [12, 18] },
    );
    expect(request.body).toEqual({
      url: 'https://example.com/article',
      domain_id: 3,
      title: 'An article',
      workspace_id: 24,
      folder_id: 7,
      tag_ids: [12, 18],
      custom_slug: 'summer-2025',
      param: { utm_source: 'newsletter', utm_campaign: 'launch' },
      generate_qr: true,
      notes: 'for the campaign',
    });
  });

  it('omits blank options, an empty tag list and a QR not asked for', () => {
    const body = build(makeCapture({ page: { title: '' }, options: { customSlug: '', utm: { source: '' }, qr: false } }), { ...destination, tagIds: [] }).body;
    expect(body).toEqual({ url: 'https://example.com/article', domain_id: 3 });
  });

  it('refuses a note over 300 characters at the note field, before queueing', () => {
    const result = captureFor(destination, { note: 'x'.repeat(301) });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'field-too-long', field: 'note', details: { max: 300, length: 301 } }),
    });
  });

  it('keeps a base URL path prefix', () => {
    expect(build(makeCapture(), { ...destination, baseUrl: 'http://127.0.0.1:8787/shortpen' }).url).toBe('http://127.0.0.1:8787/shortpen/v1/generate');
  });
});

describe('shortpen.classify', () => {
  it('200 success → the link, the QR and the slug; never short_url', () => {
    const body = { ...successBodies.shortpen, data: { ...successBodies.shortpen.data, short_url: 'https://old.example.com/zzz' } };
    expect(shortpen.classify(jsonAnswer(200, body))).toEqual({
      kind: 'synced',
      result: { link: 'https://go.shortpen.com/summer-2025', id: 'summer-2025', qrPng: 'iVBORw0KGgo=' },
    });
  });

  it('a null qr gives no image', () => {
    const body = { ...successBodies.shortpen, data: { ...successBodies.shortpen.data, qr: null } };
    expect(shortpen.classify(jsonAnswer(200, body))).toEqual({ kind: 'synced', result: { link: 'https://go.shortpen.com/summer-2025', id: 'summer-2025' } });
  });

  it('success: false on a 200 is never delivered: retried, then paused', () => {
    const outcome = shortpen.classify(jsonAnswer(200, shortpenError(200, 'Something went wrong')));
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: 'server-rejected', serverMessage: 'Something went wrong' }, pauseAfterAttempts: 3 });
  });

  it.each([
    [400, 'The selected Domain is not active for your organization', 'paused', 'bad-domain'],
    [400, 'The url field is required.', 'failed', 'bad-request'],
    [401, 'Unauthenticated.', 'paused', 'auth-invalid'],
    [429, 'You have reached your monthly link limit', 'paused', 'quota-exceeded'],
    [500, 'Server error', 'retry', 'server-error'],
  ] as const)('%i "%s" → %s %s', (status, message, kind, code) => {
    expect(shortpen.classify(jsonAnswer(status, shortpenError(status, message)))).toMatchObject({ kind, error: { code, status, serverMessage: message } });
  });

  it('429 is a quota, so Retry-After does not turn it into a retry', () => {
    expect(shortpen.classify(jsonAnswer(429, shortpenError(429, 'quota'), { 'retry-after': '60' })).kind).toBe('paused');
  });

  it('a 2xx HTML page is retried, then pauses', () => {
    expect(shortpen.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([0, 302])('redirect (status %i) pauses', (status) => {
    expect(shortpen.classify({ status, headers: {}, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });

  it('a success body missing fields is delivered with a warning, keeping the link it has', () => {
    const outcome = shortpen.classify(jsonAnswer(200, { success: true, data: { link: 'https://go.shortpen.com/abc' } }));
    expect(outcome).toEqual({
      kind: 'synced',
      result: { link: 'https://go.shortpen.com/abc', id: 'abc' },
      warning: expect.objectContaining({ code: 'malformed-response' }),
    });
  });

  it('never puts a non-http link into the result', () => {
    const body = { ...successBodies.shortpen, data: { ...successBodies.shortpen.data, link: 'javascript:alert(1)' } };
    const outcome = shortpen.classify(jsonAnswer(200, body));
    expect(outcome.kind).toBe('synced');
    if (outcome.kind === 'synced') expect(outcome.result.link).toBeUndefined();
  });
});
