// Page metadata is read by scripting only web tabs: extension, about: and chrome: documents are never scripted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPageMetadata } from '../../../lib/platform/read-page-metadata';
import { isScriptablePage } from '../../../lib/web-url';

const scripting = fakeBrowser.scripting as unknown as { executeScript: (...args: unknown[]) => Promise<unknown> };

describe('readPageMetadata', () => {
  const original = scripting.executeScript;
  afterEach(() => {
    scripting.executeScript = original;
  });

  it.each(['moz-extension://1234/popup.html', 'chrome-extension://abc/options.html', 'about:addons', 'chrome://settings', 'file:///tmp/a.html'])(
    'does not script %s',
    async (url) => {
      const executeScript = vi.fn(async () => [{ result: { description: 'x' } }]);
      scripting.executeScript = executeScript;
      expect(await readPageMetadata(3, url)).toBeUndefined();
      expect(executeScript).not.toHaveBeenCalled();
    },
  );

  it('scripts a web tab and returns what the page said', async () => {
    const executeScript = vi.fn(async () => [{ result: { description: 'About it' } }]);
    scripting.executeScript = executeScript;
    expect(await readPageMetadata(3, 'https://site.test/a')).toEqual({ description: 'About it' });
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 3 } }));
  });

  it('knows web pages by scheme only', () => {
    expect(isScriptablePage('HTTP://site.test/')).toBe(true);
    expect(isScriptablePage(undefined)).toBe(false);
    expect(isScriptablePage('view-source:https://site.test/')).toBe(false);
  });
});
