// Issue 9 in real Chromium: a hostile page's control and bidi characters, userinfo and script-set selection
// never reach the server, through the popup or the context menu.
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOSTILE } from '../sandbox/pages';
import type { ChromeApi } from './harness/launch';
import { addDestination, openTestPage, sandboxApi, sandboxForm, useExtension, waitFor, waitForStatus, type KeeplinkTestHooks, type SandboxRequest } from './support';

declare const chrome: ChromeApi;

// eslint-disable-next-line no-control-regex -- these are exactly the characters that must never be sent
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const SECRET = HOSTILE.userinfo.split(':')[1]!;

/** What must hold of every request a hostile page led to. */
function expectNothingSmuggled(request: SandboxRequest) {
  const sent = JSON.stringify(request.body);
  expect(request.valid).toBe(true);
  expect(Object.values(flatten(request.body)).filter((value) => UNSAFE.test(value))).toEqual([]);
  expect(sent).not.toContain(SECRET);
  expect(sent).not.toContain('mallory');
  expect(sent).not.toContain('HIDDEN-SELECTION');
}

/** Every string in a JSON value, by path. */
function flatten(value: unknown, path = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof value === 'string') out[path] = value;
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) flatten(child, `${path}.${key}`, out);
  return out;
}

describe('a hostile page', () => {
  const env = useExtension();
  let sandbox: ReturnType<typeof sandboxApi>;
  const opened: Page[] = [];

  beforeAll(async () => {
    sandbox = sandboxApi(env.servers.sandbox);
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'sharely', 'Team KB', sandboxForm(env.servers.sandbox, 'sharely'));
    await options.close();
  });

  beforeEach(async () => {
    await sandbox.reset();
    for (const page of opened.splice(0)) await page.close();
  });

  const open = async () => {
    const opening = await openTestPage(env.harness, env.servers.pages, HOSTILE.path);
    opened.push(opening.page);
    return opening;
  };

  const created = () =>
    waitFor('one created sharely request', async () => {
      const list = (await sandbox.requests('sharely')).filter((request) => request.createdId);
      return list.length === 1 ? list[0] : undefined;
    }, 10_000);

  const clickMenu = async (info: Record<string, unknown>, tabId: number) => {
    const worker = await env.harness.worker();
    return worker.evaluate(
      async ({ info, tabId }) => {
        const tab = await chrome.tabs.get(tabId);
        const hooks = (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest;
        return (await hooks.onMenuClick(info, tab)) as { ok: boolean };
      },
      { info, tabId },
    );
  };

  it('popup: no control or bidi character, no userinfo and no unseen selection is sent; the selection is shown in the note', async () => {
    const { page, tabId, url: pageUrl } = await open();
    expect(await page.evaluate(() => String(getSelection()))).toBe(HOSTILE.hiddenSelection);
    const popup = await env.harness.popupPageFor(tabId);
    opened.push(popup);
    // The canonical URL differs from the tab's, so this box appears once the page's metadata is read.
    await popup.getByRole('checkbox', { name: 'Use canonical URL' }).waitFor({ timeout: 5_000 });
    const note = popup.getByRole('textbox', { name: 'Note' });
    const shownNote = await note.inputValue();
    await note.fill('');
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    const request = await created();
    expectNothingSmuggled(request);
    // The page's selection is never sent unseen: the popup showed it, quoted, where the user could clear it.
    expect(shownNote).toBe(`> ${HOSTILE.hiddenSelection}`);
    expect(await popup.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(HOSTILE.cleanTitle);
    const origin = env.servers.pages.url;
    expect(request.body).toMatchObject({
      url: pageUrl,
      title: HOSTILE.cleanTitle,
      metadata: {
        canonicalUrl: `${origin}${HOSTILE.canonicalPath}`,
        imageUrl: `${origin}/images/cover.png`,
        description: HOSTILE.cleanDescription,
        siteName: HOSTILE.cleanSiteName,
        lang: 'en',
      },
    });
    expect(request.body.metadata).not.toHaveProperty('selection');
  });

  it('context menu: a page save carries no hidden selection, and a link save neither the link’s userinfo nor its bidi characters', async () => {
    const { tabId, url: pageUrl } = await open();
    expect((await clickMenu({ menuItemId: 'keeplink-page', editable: false, frameId: 0, pageUrl }, tabId)).ok).toBe(true);
    const pageRequest = await created();
    expectNothingSmuggled(pageRequest);
    expect(pageRequest.body).toMatchObject({ url: pageUrl, title: HOSTILE.cleanTitle });

    await sandbox.reset();
    const linkUrl = `${env.servers.pages.url.replace('://', `://${HOSTILE.userinfo}@`)}/target.html`;
    expect((await clickMenu({ menuItemId: 'keeplink-link', editable: false, frameId: 0, pageUrl, linkUrl }, tabId)).ok).toBe(true);
    const linkRequest = await created();
    expectNothingSmuggled(linkRequest);
    expect(linkRequest.body).toMatchObject({ url: `${env.servers.pages.url}/target.html`, title: HOSTILE.cleanLinkText, metadata: { sourceUrl: pageUrl } });
  });

  it('with "Include selected text when saving without the popup" on, a page save sends the selection, quoted in the note', async () => {
    const { tabId, url: pageUrl } = await open();
    await env.harness.evalInExtension(async () => {
      const { preferences } = await chrome.storage.local.get('preferences');
      await chrome.storage.local.set({ preferences: { ...(preferences as object), includeSelection: true } });
    });
    expect((await clickMenu({ menuItemId: 'keeplink-page', editable: false, frameId: 0, pageUrl }, tabId)).ok).toBe(true);
    const request = await created();
    expect(request.body).toMatchObject({ metadata: { selection: HOSTILE.hiddenSelection, note: `> ${HOSTILE.hiddenSelection}` } });
  });
});
