// Issue 5 in real Chromium: "Save all tabs in this window" over 5 tabs, one of them chrome://, saves 4 and skips 1.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChromeApi, Harness } from './harness/launch';
import { launchWithDestinations, menuClickWithGesture, sandboxApi, startServers, waitFor } from './support';

declare const chrome: ChromeApi;

// The optional `tabs` permission is pre-granted in the profile, as if the user had accepted the prompt once
// (a prompt would hang headless Chromium): the harness's profile edit is extended to add it.
vi.mock('./harness/profile-prefs', async (importOriginal) => {
  const original = await importOriginal<typeof import('./harness/profile-prefs')>();
  const { grantApiPermissionsInProfile } = await import('./api-permissions');
  return {
    ...original,
    grantHostPermissionsInProfile: async (profileDir: string, extensionId: string, origins: readonly string[]) => {
      await original.grantHostPermissionsInProfile(profileDir, extensionId, origins);
      await grantApiPermissionsInProfile(profileDir, extensionId, ['tabs']);
    },
  };
});

describe('save all tabs in this window', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;

  beforeAll(async () => {
    const started = await launchWithDestinations(['sharely', 'Team KB']);
    ({ servers, sandbox, harness } = started);
    const { options } = started;
    await options.close();
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  it('saves the 4 web tabs of a 5-tab window, skips chrome://version, and reports "4 saved, 1 skipped"', async () => {
    expect(await harness.evalInExtension(() => chrome.permissions.contains({ permissions: ['tabs'] }))).toBe(true);
    const webUrls = [1, 2, 3, 4].map((n) => `${servers.pages.url}/page/bulk-${n}.html`);
    const urls = [webUrls[0]!, webUrls[1]!, 'chrome://version/', webUrls[2]!, webUrls[3]!];
    const windowId = await harness.evalInExtension(async (list) => (await chrome.windows.create({ url: list, focused: true }))!.id!, urls);
    const tabs = await waitFor('the 5 tabs to load', async () => {
      const list = await harness.evalInExtension((id) => chrome.tabs.query({ windowId: id }), windowId);
      return list.length === 5 && list.every((tab) => tab.status === 'complete' && tab.url) ? list : undefined;
    }, 10_000);
    expect(tabs.map((tab) => tab.url)).toEqual(urls);

    // The user right-clicks the page of the first tab and picks "Save all tabs in this window".
    const first = tabs[0]!;
    const answer = await menuClickWithGesture(
      harness,
      { menuItemId: 'keeplink-save-all-tabs', editable: false, frameId: 0, pageUrl: first.url },
      first.id!,
    );
    expect(answer).toEqual({ ok: true, value: { saved: 4, alreadyQueued: 0, skipped: 1, invalid: 0 } });

    const created = await waitFor('4 created Sharely requests', async () => {
      const list = (await sandbox.requests('sharely')).filter((request) => request.createdId);
      return list.length >= 4 ? list : undefined;
    }, 10_000);
    expect(created.map((request) => request.body['url']).sort()).toEqual([...webUrls].sort());
    for (const request of created) {
      expect(request.valid).toBe(true);
      expect(request.body).toMatchObject({ title: expect.stringMatching(/^Page bulk-\d$/), metadata: { source: 'bulk' } });
    }
    await waitFor('the badge to clear', async () => (await harness.badgeText()) === '', 10_000);
    expect(await sandbox.requests()).toHaveLength(4);
  });
});
