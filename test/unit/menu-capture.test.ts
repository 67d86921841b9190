import { describe, expect, it } from 'vitest';
import { captureInputFromMenu, quote, type CaptureWords } from '../../lib/menu-capture';

const words: CaptureWords = { imageTitle: (title) => `Image from ${title}` };
import { parseMenuId, planMenus, SAVE_ALL_TABS } from '../../lib/worker/menu-plan';
import { planSaveAllTabs } from '../../lib/worker/save-all-tabs';

const tab = { url: 'https://site.test/page', title: 'The page' };

describe('captureInputFromMenu', () => {
  it('link: saves the link target and its text, not the page', () => {
    const input = captureInputFromMenu('link', { pageUrl: tab.url, linkUrl: 'https://other.test/target', linkText: ' Target ' }, tab, 'd1', words);
    expect(input.page).toEqual({ url: 'https://other.test/target', title: 'Target', sourceUrl: tab.url });
    expect(input.source).toBe('context-menu');
  });

  it('link: falls back to the selection, then the URL, for the title', () => {
    expect(captureInputFromMenu('link', { linkUrl: 'https://o.test/', selectionText: 'sel' }, tab, 'd1', words).page.title).toBe('sel');
    expect(captureInputFromMenu('link', { linkUrl: 'https://o.test/' }, tab, 'd1', words).page.title).toBe('https://o.test/');
  });

  it('page: saves the page', () => {
    expect(captureInputFromMenu('page', { pageUrl: tab.url }, tab, 'd1', words).page).toEqual({ url: tab.url, title: tab.title });
  });

  it('selection: saves the page with the selection quoted in the note', () => {
    const input = captureInputFromMenu('selection', { pageUrl: tab.url, selectionText: 'first line\nsecond' }, tab, 'd1', words);
    expect(input.page.url).toBe(tab.url);
    expect(input.note).toBe('> first line\n> second');
    expect(input.page.selection).toBe('first line\nsecond');
  });

  it('selection: the quote in the note carries no control or bidi characters', () => {
    const input = captureInputFromMenu('selection', { pageUrl: tab.url, selectionText: 'a\u202Eb\u0000\r\nc\u2067' }, tab, 'd1', words);
    expect(input.note).toBe('> ab\n> c');
    expect(input.page.selection).toBe('ab\nc');
  });

  it('image: saves the image URL with the page as its source', () => {
    const input = captureInputFromMenu('image', { pageUrl: tab.url, srcUrl: 'https://cdn.test/a.png' }, tab, 'd1', words);
    expect(input.page).toEqual({ url: 'https://cdn.test/a.png', title: 'Image from The page', sourceUrl: tab.url });
  });

  it('caps a very long quote so the note stays within its limit', () => {
    expect(quote('x'.repeat(50_000)).length).toBeLessThan(5000);
  });
});

describe('menu plan', () => {
  it('one item per target kind, plus save all tabs, with no submenus for one destination', () => {
    const plan = planMenus([{ id: 'a', name: 'A' }]);
    expect(plan.map((i) => i.id)).toEqual(['keeplink-page', 'keeplink-link', 'keeplink-selection', 'keeplink-image', SAVE_ALL_TABS]);
    expect(plan.find((i) => i.id === 'keeplink-link')?.title).toEqual({ key: 'menuSaveLink' });
  });

  it('a submenu per destination when there are several', () => {
    const plan = planMenus([
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ]);
    expect(plan.filter((i) => i.parentId === 'keeplink-image').map((i) => i.title)).toEqual([{ text: 'A' }, { text: 'B' }]);
    expect(parseMenuId('keeplink-image:b')).toEqual({ kind: 'image', destinationId: 'b' });
    expect(parseMenuId('keeplink-page')).toEqual({ kind: 'page' });
    expect(parseMenuId('other')).toBeUndefined();
  });
});

describe('save all tabs', () => {
  it('saves web tabs and skips the others', () => {
    const plan = planSaveAllTabs(
      [tab, { url: 'chrome://settings', title: 'Settings' }, { url: 'http://127.0.0.1:8000/x', title: 'x' }, { title: 'no url' }],
      'd1',
    );
    expect(plan.inputs.map((i) => i.page.url)).toEqual([tab.url, 'http://127.0.0.1:8000/x']);
    expect(plan.inputs.every((i) => i.source === 'bulk')).toBe(true);
    expect(plan.skipped).toBe(2);
  });
});
