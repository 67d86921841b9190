import { describe, expect, it } from 'vitest';
import { isTrackingParam, normalizeUrl } from '../../../lib/outbox/normalize-url';

describe('normalizeUrl', () => {
  it.each([
    ['https://EXAMPLE.com/Path', 'https://example.com/Path'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com'],
    ['https://example.com', 'https://example.com'],
    ['https://example.com/a//', 'https://example.com/a//'],
    ['https://example.com/a?b=2&a=1&a=0', 'https://example.com/a?a=0&a=1&b=2'],
    ['https://example.com/a?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&dclid=3&msclkid=4', 'https://example.com/a'],
    ['https://example.com/a?mc_eid=1&mc_cid=2&igshid=3&_hsenc=4&_hsmi=5&yclid=6&ref_src=7&id=9', 'https://example.com/a?id=9'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['  not a url  ', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('keeps the scheme apart: http and https are different pages', () => {
    expect(normalizeUrl('http://example.com/a')).not.toBe(normalizeUrl('https://example.com/a'));
  });

  it('gives the same key to the variants a user meets in practice', () => {
    const variants = [
      'https://Example.com/post/?utm_source=newsletter&ref=1#comments',
      'https://example.com:443/post?ref=1',
      'https://example.com/post?fbclid=abc&ref=1',
    ];
    expect(new Set(variants.map(normalizeUrl)).size).toBe(1);
  });
});

describe('isTrackingParam', () => {
  it('matches utm_* and the known click ids in any case, and nothing else', () => {
    for (const name of ['utm_source', 'utm_anything', 'UTM_CAMPAIGN', 'fbclid', 'GCLID', 'ref_src', '_hsenc']) {
      expect(isTrackingParam(name)).toBe(true);
    }
    for (const name of ['utm', 'ref', 'id', 'q', 'source', 'fbclidx']) expect(isTrackingParam(name)).toBe(false);
  });
});
