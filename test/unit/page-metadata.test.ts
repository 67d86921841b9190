import { describe, expect, it } from 'vitest';
import { canonicalDiffers, cleanPageMetadata, METADATA_LIMITS } from '../../lib/page-metadata';

const page = 'https://site.test/a/article?x=1';

describe('cleanPageMetadata', () => {
  it('resolves relative URLs against the page and keeps only web URLs', () => {
    const meta = cleanPageMetadata({ canonical: '/a/article', ogImage: 'javascript:alert(1)' }, page);
    expect(meta).toEqual({ canonicalUrl: 'https://site.test/a/article' });
  });

  it('treats every value as text: non-strings are dropped, whitespace folded, sizes capped', () => {
    const meta = cleanPageMetadata(
      { ogSiteName: { toString: () => 'x' }, ogDescription: `  a \n\n b ${'c'.repeat(5000)}`, lang: 'en-US', selection: 's'.repeat(20000) },
      page,
    );
    expect(meta.siteName).toBeUndefined();
    expect(meta.description?.startsWith('a b c')).toBe(true);
    expect(meta.description).toHaveLength(METADATA_LIMITS.description);
    expect(meta.selection).toHaveLength(METADATA_LIMITS.selection);
    expect(meta.lang).toBe('en-US');
  });

  it('strips control and bidi characters from every text field, keeping only the lines of a selection', () => {
    const hostile = 'A\u202Egnp.exe\u0000\u001B[31m\u0085\u2066x\u200F';
    const meta = cleanPageMetadata(
      { ogDescription: hostile, ogSiteName: hostile, lang: 'en\u202E\u0000', selection: `line one${hostile}\r\nline two` },
      page,
    );
    // eslint-disable-next-line no-control-regex -- the test looks for exactly those characters
    const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
    for (const value of [meta.description, meta.siteName, meta.lang, meta.selection]) {
      expect(value).not.toMatch(unsafe);
    }
    expect(meta.siteName).toBe('Agnp.exe[31mx');
    expect(meta.lang).toBe('en');
    expect(meta.selection).toBe('line oneAgnp.exe[31mx\nline two');
  });

  it('removes userinfo from every metadata URL', () => {
    const meta = cleanPageMetadata(
      { canonical: 'https://user:secret@site.test/a', ogImage: 'https://token@img.test/i.png' },
      page,
    );
    expect(meta).toEqual({ canonicalUrl: 'https://site.test/a', imageUrl: 'https://img.test/i.png' });
  });

  it('prefers og:description over the meta description', () => {
    expect(cleanPageMetadata({ ogDescription: 'og', description: 'meta' }, page).description).toBe('og');
    expect(cleanPageMetadata({ description: 'meta' }, page).description).toBe('meta');
  });

  it('gives nothing for a page that could not be read', () => {
    expect(cleanPageMetadata(undefined, page)).toEqual({});
  });

  it('says when the canonical URL is another address', () => {
    expect(canonicalDiffers({ canonicalUrl: 'https://site.test/a' }, page)).toBe(true);
    expect(canonicalDiffers({ canonicalUrl: page }, `${page}#top`)).toBe(false);
    expect(canonicalDiffers({}, page)).toBe(false);
  });
});
