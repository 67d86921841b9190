// The toolbar button: the already-saved mark is a per-tab icon and title, never the badge text the count owns.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showSavedMark } from '../../../lib/platform/badge';

describe('showSavedMark', () => {
  it('sets the tick icon and the title for that tab only, and gives an unmarked tab the plain icon and manifest title', async () => {
    const setIcon = vi.spyOn(fakeBrowser.action, 'setIcon').mockResolvedValue(undefined);
    const setTitle = vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue(undefined);
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Keeplink', version: '1', action: { default_title: 'Keeplink' } });

    await showSavedMark(4, true, 'Already saved — Keeplink');
    await showSavedMark(5, false, 'Already saved — Keeplink');

    expect(setIcon.mock.calls).toEqual([
      [{ tabId: 4, path: { 16: '/icon/saved-16.png', 32: '/icon/saved-32.png' } }],
      [{ tabId: 5, path: { 16: '/icon/16.png', 32: '/icon/32.png' } }],
    ]);
    expect(setTitle.mock.calls).toEqual([[{ tabId: 4, title: 'Already saved — Keeplink' }], [{ tabId: 5, title: 'Keeplink' }]]);
    expect(setBadgeText).not.toHaveBeenCalled();
  });
});
