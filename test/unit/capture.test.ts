import { describe, expect, it } from 'vitest';
import { buildCapture, CAPTURE_LIMITS, captureSchema } from '../../lib/capture';
import { checkWebUrl } from '../../lib/web-url';

const deps = { now: () => 1_700_000_000_000, uuid: () => 'a3bb189e-8bf9-4888-9912-ace4e6543002' };
const input = (url: string, extra: Partial<Parameters<typeof buildCapture>[0]> = {}) =>
  buildCapture({ page: { url, title: ' A page ' }, source: 'popup', destinationId: 'd1', ...extra }, deps);

describe('checkWebUrl', () => {
  it.each([
    ['chrome://settings/people', 'chrome://settings'],
    ['about:blank', 'about:blank'],
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/html,<h1>hi</h1>', 'data:'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['chrome-extension://abcdef/popup.html', 'chrome-extension://abcdef'],
    ['ftp://example.com/file', 'ftp://example.com'],
  ])('rejects %s as not a web page, naming it as %s', (url, shown) => {
    const result = checkWebUrl(url);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('url-not-web');
    expect(result.error.field).toBe('url');
    expect(result.error.details?.url).toBe(shown);
  });

  it('rejects what is not a URL at all, and an empty one', () => {
    const garbage = checkWebUrl('not a url');
    expect(!garbage.ok && garbage.error.code).toBe('url-invalid');
    const empty = checkWebUrl('   ');
    expect(!empty.ok && empty.error.code).toBe('field-required');
  });

  it('strips user:pass@ and keeps the rest', () => {
    const result = checkWebUrl('https://user:secret@example.com/a?b=1#c');
    expect(result).toEqual({ ok: true, value: 'https://example.com/a?b=1#c' });
  });

  it('accepts http and https', () => {
    expect(checkWebUrl('http://127.0.0.1:8080/x').ok).toBe(true);
    expect(checkWebUrl('HTTPS://Example.com').ok).toBe(true);
  });

  it('rejects an over-long URL instead of cutting it', () => {
    const result = checkWebUrl(`https://example.com/${'a'.repeat(9000)}`);
    expect(!result.ok && result.error.code).toBe('field-too-long');
  });
});

describe('buildCapture', () => {
  it('builds a schema-valid capture with trimmed title and no blank optionals', () => {
    const result = input('https://example.com/', { note: '  ', tags: [' a ', '', 'b'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      id: deps.uuid(),
      createdAt: deps.now(),
      source: 'popup',
      page: { url: 'https://example.com/', title: 'A page' },
      tags: ['a', 'b'],
      destinationId: 'd1',
    });
    expect(captureSchema.safeParse(result.value).success).toBe(true);
  });

  it('makes page text inert and strips userinfo from every page URL, whichever way the capture came', () => {
    const result = buildCapture(
      {
        page: {
          url: 'https://u:p@site.test/a',
          title: 'Pay\u202Eexe.pdf\u0007',
          description: 'd\u2066e\u0000',
          siteName: 'S\u200Fite',
          lang: 'de\u061C',
          selection: 'one\u0000\ntwo\u202D',
          canonicalUrl: 'https://u:p@site.test/canonical',
          imageUrl: 'https://token@img.test/i.png',
          sourceUrl: 'https://u@site.test/source',
        },
        source: 'context-menu',
        destinationId: 'd1',
      },
      deps,
    );
    expect(result.ok && result.value.page).toEqual({
      url: 'https://site.test/a',
      title: 'Payexe.pdf',
      description: 'de',
      siteName: 'Site',
      lang: 'de',
      selection: 'one\ntwo',
      canonicalUrl: 'https://site.test/canonical',
      imageUrl: 'https://img.test/i.png',
      sourceUrl: 'https://site.test/source',
    });
  });

  it('rejects a non-web tab with its specific error', () => {
    const result = input('chrome://settings');
    expect(!result.ok && result.error.code).toBe('url-not-web');
  });

  it.each([
    ['title', { page: { url: 'https://e.com', title: 'x'.repeat(CAPTURE_LIMITS.title + 1) } }],
    ['note', { note: 'x'.repeat(CAPTURE_LIMITS.note + 1) }],
    ['tags', { tags: ['x'.repeat(CAPTURE_LIMITS.tag + 1)] }],
    ['tags', { tags: Array.from({ length: CAPTURE_LIMITS.tags + 1 }, (_, i) => `t${i}`) }],
  ])('names the field %s when it is over its limit', (field, extra) => {
    const result = input('https://e.com', extra);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'field-too-long', field });
  });

  it('keeps the incognito flag only when set', () => {
    const result = input('https://e.com', { incognito: true });
    expect(result.ok && result.value.incognito).toBe(true);
  });
});
