import { describe, expect, it } from 'vitest';
import { captureInputFromMenu } from '../../lib/menu-capture';

const tab = { url: 'https://site.test/page', title: 'The page' };

describe('captureInputFromMenu', () => {
  it('saves the link target and its text on a link, not the page', () => {
    const input = captureInputFromMenu({ pageUrl: tab.url, linkUrl: 'https://other.test/target', linkText: ' Target ' }, tab, 'd1');
    expect(input.page).toEqual({ url: 'https://other.test/target', title: 'Target', sourceUrl: tab.url });
    expect(input.source).toBe('context-menu');
  });

  it('falls back to the selection, then the URL, for the link title', () => {
    expect(captureInputFromMenu({ linkUrl: 'https://o.test/', selectionText: 'sel' }, tab, 'd1').page.title).toBe('sel');
    expect(captureInputFromMenu({ linkUrl: 'https://o.test/' }, tab, 'd1').page.title).toBe('https://o.test/');
  });

  it('saves the page on a page click', () => {
    expect(captureInputFromMenu({ pageUrl: tab.url }, tab, 'd1').page).toEqual({ url: tab.url, title: tab.title });
  });
});
