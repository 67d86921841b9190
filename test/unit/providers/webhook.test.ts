// JSON webhook: the template's substitution and save-time check, the request, the connection probe, and every class of answer.
import { describe, expect, it } from 'vitest';
import { parseDestinationForm } from '../../../lib/destination-form';
import { DEFAULT_PREFERENCES } from '../../../lib/settings';
import { exportSettings } from '../../../lib/settings-transfer';
import { parseHeaderLines, webhook } from '../../../lib/providers/webhook';
import { checkTemplate, DEFAULT_WEBHOOK_TEMPLATE, fillTemplate, templateValues, type TemplateValues } from '../../../lib/providers/webhook-template';
import { destinations, HTML_PAGE, jsonAnswer, makeCapture } from '../../contracts/fixtures';

const destination = destinations.webhook;

function build(capture = makeCapture(), d = destination) {
  const result = webhook.buildRequest(capture, d);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

const values = (overrides: Partial<TemplateValues> = {}): TemplateValues => ({ ...templateValues(makeCapture(), 'https://example.com/article'), ...overrides });

describe('webhook template substitution', () => {
  it('a quoted whole-value placeholder becomes the JSON value: tags a list, a blank value null', () => {
    const filled = fillTemplate('{"t": "{{tags}}", "n": "{{note}}", "u": "{{url}}"}', values({ tags: ['a', 'b'], note: undefined }));
    expect(filled.ok && JSON.parse(filled.text)).toEqual({ t: ['a', 'b'], n: null, u: 'https://example.com/article' });
  });

  it('a bare placeholder is a whole value too', () => {
    const filled = fillTemplate('{"t": {{tags}}, "title": {{title}}}', values({ tags: [] }));
    expect(filled.ok && JSON.parse(filled.text)).toEqual({ t: [], title: 'An article' });
  });

  it('inside longer text the value is JSON-escaped, tags joined with ", ", a blank value empty', () => {
    const title = 'Say "hi" \\ then\nleave "}, "x": "injected';
    const filled = fillTemplate('{"text": "Saved {{title}} [{{tags}}] {{note}}!"}', values({ title, tags: ['a', 'b c'], note: undefined }));
    expect(filled.ok).toBe(true);
    if (!filled.ok) return;
    expect(JSON.parse(filled.text)).toEqual({ text: `Saved ${title} [a, b c] !` });
  });

  it('quotes, backslashes and braces in a whole value cannot add keys', () => {
    const filled = fillTemplate(DEFAULT_WEBHOOK_TEMPLATE, values({ title: '", "admin": true, "x": "{{url}}' }));
    const body = filled.ok ? (JSON.parse(filled.text) as Record<string, unknown>) : {};
    expect(Object.keys(body)).toEqual(['url', 'title', 'note', 'tags', 'selection', 'capturedAt', 'source']);
    expect(body.title).toBe('", "admin": true, "x": "{{url}}');
  });

  it('an escaped quote in the template does not end its string', () => {
    const filled = fillTemplate('{"q": "a \\"{{title}}\\" b"}', values());
    expect(filled.ok && JSON.parse(filled.text)).toEqual({ q: 'a "An article" b' });
  });

  it('an unknown placeholder is named', () => {
    expect(fillTemplate('{"x": "{{titel}}"}', values())).toEqual({ ok: false, problem: { code: 'template-placeholder', name: 'titel' } });
  });
});

describe('webhook template check (when saved)', () => {
  it('accepts the default template and templates using every placeholder', () => {
    expect(checkTemplate(DEFAULT_WEBHOOK_TEMPLATE)).toBeUndefined();
    expect(checkTemplate('{"a": "{{description}} {{siteName}}", "b": [{{canonicalUrl}}, {{imageUrl}}, {{lang}}, {{id}}, {{capturedAt}}]}')).toBeUndefined();
  });

  it.each([
    ['{"url": "{{url}}"', 'template-json'],
    ['{"url": {{url}} {{title}}}', 'template-json'],
    ['not json', 'template-json'],
    ['{"x": "{{pageTitle}}"}', 'template-placeholder'],
  ])('%s → %s', (template, code) => {
    expect(checkTemplate(template)?.code).toBe(code);
  });

  it('refuses a template over its length limit', () => {
    expect(checkTemplate(`{"x": "${'a'.repeat(10_001)}"}`)).toMatchObject({ code: 'too-long', max: 10_000 });
  });

  it('the form reports the problem at the template field, with the placeholder', () => {
    const raw = { id: 'w', name: 'Hook', baseUrl: 'https://hooks.example.com/in', apiKey: '', method: 'POST', bodyTemplate: '{"x": "{{nope}}"}' };
    expect(parseDestinationForm('webhook', raw)).toEqual({ ok: false, errors: { bodyTemplate: { code: 'template-placeholder', name: 'nope' } } });
    expect(parseDestinationForm('webhook', { ...raw, bodyTemplate: '{"x": ' })).toEqual({ ok: false, errors: { bodyTemplate: { code: 'template-json' } } });
  });
});

describe('webhook settings in the form', () => {
  const raw = { id: 'w', name: 'Hook', baseUrl: 'https://hooks.example.com/in', apiKey: '', method: 'PUT', bodyTemplate: DEFAULT_WEBHOOK_TEMPLATE };

  it('stores the method, the headers as a list and the secret as the key', () => {
    const parsed = parseDestinationForm('webhook', { ...raw, apiKey: 's3cret', secretHeaderName: 'X-Hook-Token', extraHeaders: 'X-Team: research\n\nX-Env:  prod ' });
    expect(parsed).toMatchObject({
      ok: true,
      value: { method: 'PUT', apiKey: 's3cret', secretHeaderName: 'X-Hook-Token', extraHeaders: [{ name: 'X-Team', value: 'research' }, { name: 'X-Env', value: 'prod' }] },
    });
  });

  it('a secret needs a header name, and a header name needs a secret', () => {
    expect(parseDestinationForm('webhook', { ...raw, apiKey: 's3cret' })).toEqual({ ok: false, errors: { secretHeaderName: { code: 'required' } } });
    expect(parseDestinationForm('webhook', { ...raw, secretHeaderName: 'X-Hook-Token' })).toEqual({ ok: false, errors: { apiKey: { code: 'required' } } });
    // Editing: a stored secret counts, the form never holds it.
    expect(parseDestinationForm('webhook', { ...raw, secretHeaderName: 'X-Hook-Token' }, 'stored').ok).toBe(true);
  });

  it.each(['Host: evil', 'Cookie: a=b', 'Content-Type: text/plain', 'no colon', 'Bad Name: x', 'X-Ok: line\u0000break'])('refuses the header line %j', (line) => {
    expect(parseHeaderLines(line)).toBeUndefined();
    expect(parseDestinationForm('webhook', { ...raw, extraHeaders: line })).toEqual({ ok: false, errors: { extraHeaders: { code: 'header-list' } } });
  });

  it('refuses an unusable secret header name, and only POST or PUT', () => {
    expect(parseDestinationForm('webhook', { ...raw, apiKey: 'k', secretHeaderName: 'Sec-Token' })).toEqual({ ok: false, errors: { secretHeaderName: { code: 'header-name' } } });
    expect(parseDestinationForm('webhook', { ...raw, method: 'DELETE' })).toEqual({ ok: false, errors: { method: { code: 'invalid' } } });
  });

  it('http is refused except on loopback', () => {
    expect(parseDestinationForm('webhook', { ...raw, baseUrl: 'http://hooks.example.com/in' })).toEqual({ ok: false, errors: { baseUrl: { code: 'insecure-url' } } });
    expect(parseDestinationForm('webhook', { ...raw, baseUrl: 'http://127.0.0.1:9000/in' }).ok).toBe(true);
  });
});

describe('webhook.buildRequest', () => {
  it('sends the filled default template to the URL as given, with the extra and secret headers', () => {
    const request = build(makeCapture({ note: 'Read later', tags: ['a', 'b'], page: { selection: 'quoted' } }));
    expect(request).toEqual({
      method: 'POST',
      url: 'https://hooks.example.com/in/abc',
      headers: { 'content-type': 'application/json', accept: 'application/json, */*;q=0.5', 'x-team': 'research', 'x-webhook-secret': 'secret-key' },
      body: {
        url: 'https://example.com/article',
        title: 'An article',
        note: 'Read later',
        tags: ['a', 'b'],
        selection: 'quoted',
        capturedAt: new Date(1_700_000_000_000).toISOString(),
        source: 'popup',
      },
    });
  });

  it('uses PUT when asked, and sends no secret header when there is no secret', () => {
    const request = build(makeCapture(), { ...destination, method: 'PUT', apiKey: '', secretHeaderName: undefined });
    expect(request.method).toBe('PUT');
    expect(Object.keys(request.headers)).not.toContain('x-webhook-secret');
  });

  it('an extra header of the same name never replaces the secret one', () => {
    const request = build(makeCapture(), { ...destination, extraHeaders: [{ name: 'x-webhook-secret', value: 'public' }] });
    expect(request.headers['x-webhook-secret']).toBe('secret-key');
  });

});

describe('webhook check connection', () => {
  it('is a HEAD of the origin carrying neither the secret nor the extra headers', () => {
    expect(webhook.checkRequest?.(destination)).toEqual({ ok: true, value: { method: 'HEAD', url: 'https://hooks.example.com/', headers: { accept: '*/*' }, body: undefined } });
  });
});

describe('webhook.classify', () => {
  it('keeps an id the endpoint answers in a JSON object, capped like any stored answer; no id, no result', () => {
    expect(webhook.classify(jsonAnswer(200, { received: true, id: 'evt_1' }))).toEqual({ kind: 'synced', result: { id: 'evt_1' } });
    expect(webhook.classify(jsonAnswer(201, { id: 42 }))).toEqual({ kind: 'synced', result: { id: '42' } });
    expect(webhook.classify(jsonAnswer(200, { id: 'x'.repeat(5000) }))).toMatchObject({ kind: 'synced', result: {}, warning: { code: 'response-too-large' } });
    expect(webhook.classify({ status: 204, headers: {}, bodyText: '' })).toEqual({ kind: 'synced', result: {} });
    expect(webhook.classify({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"id": "ev' })).toEqual({
      kind: 'synced',
      result: {},
      warning: expect.objectContaining({ code: 'malformed-response', status: 200 }),
    });
  });

  it.each([200, 201, 202, 204])('%i → synced, whatever the body', (status) => {
    expect(webhook.classify({ status, headers: { 'content-type': 'text/plain' }, bodyText: 'ok' })).toEqual({ kind: 'synced', result: {} });
    expect(webhook.classify(jsonAnswer(status, { anything: true }))).toEqual({ kind: 'synced', result: {} });
  });

  it('a 2xx web page (captive portal) is retried, then pauses', () => {
    expect(webhook.classify(HTML_PAGE)).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it.each([
    [408, 'timeout'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [502, 'server-error'],
    [503, 'service-unavailable'],
  ] as const)('%i → retry %s, honouring Retry-After', (status, code) => {
    const outcome = webhook.classify(jsonAnswer(status, { message: 'later' }, { 'retry-after': '120' }));
    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 120_000, error: { code, status, serverMessage: 'later', retryable: true } });
  });

  it.each([
    [401, 'auth-invalid'],
    [403, 'forbidden'],
  ] as const)('%i → paused %s', (status, code) => {
    expect(webhook.classify(jsonAnswer(status, { error: 'no' }))).toMatchObject({ kind: 'paused', error: { code, status, serverMessage: 'no' } });
  });

  it.each([
    [400, 'bad-request'],
    [404, 'unexpected-status'],
    [409, 'unexpected-status'],
    [410, 'unexpected-status'],
    [413, 'unexpected-status'],
    [422, 'unprocessable'],
  ] as const)('%i → failed %s', (status, code) => {
    expect(webhook.classify({ status, headers: {}, bodyText: 'nope' })).toMatchObject({ kind: 'failed', error: { code, status } });
  });

  it.each([0, 301, 302, 307])('redirect (status %i) pauses', (status) => {
    expect(webhook.classify({ status, headers: { location: 'https://login.example.com' }, bodyText: '' })).toMatchObject({ kind: 'paused', error: { code: 'redirect' } });
  });
});

describe('webhook and wallabag secrets in an export', () => {
  it('the secret header value and the client secret are left out unless asked; header names and extra headers stay', () => {
    const text = exportSettings([destinations.webhook, destinations.wallabag], DEFAULT_PREFERENCES, { includeKeys: false });
    expect(text).not.toContain('secret-key');
    expect(text).toContain('X-Webhook-Secret');
    expect(text).toContain('"clientId": "3_4f8k2m9q1s7w0c4g8okc0s4w8g"');
    expect(exportSettings([destinations.webhook], DEFAULT_PREFERENCES, { includeKeys: true })).toContain('secret-key');
  });
});
