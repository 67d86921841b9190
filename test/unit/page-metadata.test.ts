import { describe, expect, it } from 'vitest';
import { canonicalDiffers, cleanPageMetadata, METADATA_LIMITS } from '../../lib/page-metadata';

const page = 'https://site.test/a/article?x=1';

describe('cleanPageMetadata', () => {
  it('resolves relative URLs against the page and keeps only web URLs', () => {
    const meta = cleanPageMetadata({ canonical: '/a/article', ogImage: 'javascript:alert(1)', favicon: 'data:image/png;base64,xx' }, page);
    expect(meta).toEqual({ canonicalUrl: 'https://site.test/a/article' });
  });

  it('treats every value as text: non-strings are dropped, whitespace folded, sizes capped', () => {
    const meta = cleanPageMetadata(
      { ogTitle: { toString: () => 'x' }, ogDescription: `  a \n\n b ${'c'.repeat(5000)}`, lang: 'en-US', selection: 's'.repeat(20000), ogSiteName: 'Site' },
      page,
    );
    expect(meta.ogTitle).toBeUndefined();
    expect(meta.description?.startsWith('a b c')).toBe(true);
    expect(meta.description).toHaveLength(METADATA_LIMITS.description);
    expect(meta.selection).toHaveLength(METADATA_LIMITS.selection);
    expect(meta.siteName).toBe('Site');
    expect(meta.lang).toBe('en-US');
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
