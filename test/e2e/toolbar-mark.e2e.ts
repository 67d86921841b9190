// The toolbar's "already saved" mark in real Chromium against the sandbox: set on the tab the moment its save is
// delivered, gone on a new URL, back for the same page with a fragment or a trailing slash, and the global count badge
// still shown on a marked tab while a capture waits. The mark's icon and title are per tab; the title is read here.
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_KEYS, sandboxBaseUrls } from '../sandbox/server';
import type { ChromeApi } from './harness/launch';
import { openTestPage, sandboxApi, useExtension, waitFor, type KeeplinkTestHooks } from './support';

declare const chrome: ChromeApi;

const MARKED = 'Already saved — Keeplink';
const PLAIN = 'Keeplink';

describe('toolbar: the already-saved mark', () => {
  const env = useExtension(['http://127.0.0.1/*']);

  const titleOf = (tabId: number) => env.harness.evalInExtension((id) => chrome.action.getTitle({ tabId: id }), tabId);
  const titleBecomes = (tabId: number, title: string) => waitFor(`tab ${tabId}'s toolbar title to be "${title}"`, async () => (await titleOf(tabId)) === title);

  async function quickSave(tabId: number) {
    const tab = await env.harness.evalInExtension((id) => chrome.tabs.get(id), tabId);
    const worker = await env.harness.worker();
    await worker.evaluate((target) => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.onCommand('quick-save', target), tab);
  }

  beforeAll(async () => {
    const linkding = sandboxBaseUrls(env.servers.sandbox.url).linkding;
    const destination = { id: 'd-mark', name: 'Links', provider: 'linkding', baseUrl: linkding, apiKey: SANDBOX_KEYS.linkding, unread: false };
    await env.harness.evalInExtension(async (list) => void (await chrome.storage.local.set({ destinations: list })), [destination]);
  });

  it('is set on delivery, gone for a new URL, back with a fragment or trailing slash; the count badge keeps showing', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);

    const { page, tabId, url } = await openTestPage(env.harness, env.servers.pages, '/page/mark.html');
    expect(await titleOf(tabId)).toBe(PLAIN);
    await quickSave(tabId);
    await titleBecomes(tabId, MARKED);
    expect((await sandbox.requests('linkding')).filter((r) => r.body['url'] === url)).toHaveLength(1);

    // A new URL: a new document (the browser drops per-tab state) that was never saved.
    await page.goto(`${env.servers.pages.url}/page/elsewhere.html`);
    await titleBecomes(tabId, PLAIN);

    // The same page again, with a trailing slash and a fragment: looked up in local history when it has loaded.
    await page.goto(`${url}/#section`);
    await titleBecomes(tabId, MARKED);

    // While a capture waits, the count shows on the marked tab too (the badge text is global, the mark is the icon).
    await sandbox.fault({ provider: 'linkding', mode: 'down' });
    const waiting = await openTestPage(env.harness, env.servers.pages, '/page/mark-waiting.html');
    await quickSave(waiting.tabId);
    await waitFor('the count badge to read 1', async () => (await env.harness.badgeText()) === '1');
    expect(await env.harness.badgeText(tabId)).toBe('1');
    expect(await titleOf(tabId)).toBe(MARKED);
    expect(await titleOf(waiting.tabId)).toBe(PLAIN);

    await sandbox.clearFaults();
    await env.harness.worker().then((worker) => worker.evaluate(() => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.flush()));
    await titleBecomes(waiting.tabId, MARKED);
    await waitFor('the count badge to clear', async () => (await env.harness.badgeText()) === '');
  });

  it('is set on the tab a popup save came from once it is delivered', async () => {
    const { page, tabId, url } = await openTestPage(env.harness, env.servers.pages, '/page/mark-popup.html');
    expect(await titleOf(tabId)).toBe(PLAIN);
    const popup = await env.harness.openPopupFor(page);
    await popup.getByRole('button', { name: 'Save' }).click();
    await titleBecomes(tabId, MARKED);
    expect((await sandboxApi(env.servers.sandbox).requests('linkding')).filter((r) => r.body['url'] === url)).toHaveLength(1);
  });
});
