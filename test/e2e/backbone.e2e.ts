// Issue 2's end-to-end path in real Chromium: options UI → popup save → sandbox, context menu, offline + worker kill.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ChromeApi, type Harness } from './harness/launch';

declare const chrome: ChromeApi;
import { addDestination, sandboxApi, sandboxForm, startServers, waitFor } from './support';
import { compileContract } from '../contracts/schemas';

describe('backbone: capture → outbox → sync', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;
  let options: Page;
  const validSharely = compileContract('sharely', 'request');

  beforeAll(async () => {
    servers = await startServers();
    sandbox = sandboxApi(servers.sandbox);
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
    options = await harness.openExtensionPage('options.html');
    // (a) configured through the options page, like a person would.
    await addDestination(options, 'sharely', 'Team KB', sandboxForm(servers.sandbox, 'sharely'));
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  beforeEach(async () => {
    await sandbox.reset();
  });

  it('(a) keeps the destination, key in storage.local only, and shows it without a permission warning', async () => {
    const item = options.getByRole('listitem', { name: 'Team KB' });
    await expect(item.getByRole('button', { name: 'Edit' }).isVisible()).resolves.toBe(true);
    await expect(item.getByText('Needs permission').count()).resolves.toBe(0);
    const stored = await harness.evalInExtension(async () => {
      const local = await chrome.storage.local.get('destinations');
      const sync = await chrome.storage.sync.get(null);
      return { local: local.destinations as { name: string; apiKey: string }[], syncKeys: Object.keys(sync) };
    });
    expect(stored.local.map((d) => d.name)).toEqual(['Team KB']);
    expect(stored.local[0]?.apiKey).toMatch(/^sk_/);
    expect(stored.syncKeys).toEqual([]);
  });

  it('(b) saves a real page from the real popup with an edited title: one valid request, popup says Saved', async () => {
    const page = await harness.context.newPage();
    const url = `${servers.pages.url}/article.html`;
    await page.goto(url);
    const popup = await harness.openPopupFor(page);
    const title = popup.getByRole('textbox', { name: 'Title' });
    await title.fill('Edited title ✓');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(waitFor('Saved status', async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Saved') && true)).resolves.toBe(true);
    const status = await popup.getByRole('status').textContent();
    const requests = await sandbox.requests('sharely');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(validSharely(request!.body)).toBe(true);
    expect(request!.body).toMatchObject({ type: 'LINK', url, title: 'Edited title ✓' });
    expect(status).toContain(request!.createdId);
    await page.close();
  });

  it('(c) the context menu on a link saves the link target and its text, not the page', async () => {
    const page = await harness.context.newPage();
    await page.goto(`${servers.pages.url}/article.html`);
    const tabId = await harness.tabIdOf(page);
    const worker = await harness.worker();
    await worker.evaluate(
      async ({ tabId, pageUrl, linkUrl }) => {
        const tab = await chrome.tabs.get(tabId);
        const hooks = (globalThis as unknown as { __keeplinkTest: { onMenuClick: (info: unknown, tab: unknown) => Promise<unknown> } }).__keeplinkTest;
        await hooks.onMenuClick({ menuItemId: 'keeplink-link', editable: false, frameId: 0, pageUrl, linkUrl }, tab);
      },
      { tabId, pageUrl: page.url(), linkUrl: `${servers.pages.url}/target.html` },
    );
    const [request] = await waitFor('the menu capture to arrive', async () => {
      const list = await sandbox.requests('sharely');
      return list.length ? list : undefined;
    });
    expect(request!.body).toMatchObject({ url: `${servers.pages.url}/target.html`, title: 'Target page' });
    expect(validSharely(request!.body)).toBe(true);
    await page.close();
  });

  it('(d) offline save stays queued across a killed worker, then is delivered exactly once and the badge clears', async () => {
    await sandbox.fault({ provider: 'sharely', mode: 'down' });
    const page = await harness.context.newPage();
    const url = `${servers.pages.url}/page/offline.html`;
    await page.goto(url);
    const popup = await harness.popupPageFor(await harness.tabIdOf(page));
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitFor('Queued status', async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Queued — will sync when'));
    await waitFor('badge 1', async () => (await harness.badgeText()) === '1');
    await popup.close();

    await harness.stopServiceWorker();
    await sandbox.clearFaults();

    await waitFor('badge to clear', async () => (await harness.badgeText()) === '', 30_000);
    const created = (await sandbox.requests('sharely')).filter((r) => r.createdId);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ url });
    await page.close();
  });
});
