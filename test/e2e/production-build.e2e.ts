// The production build in real Chromium: no test hooks anywhere in the worker, the popup and options pages render,
// and the popup paints its prerendered form from the HTML, then fills that same form.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ChromeApi, type Harness } from './harness/launch';
import { openTestPage, startServers } from './support';

declare const chrome: ChromeApi;

/** What the popup's DOM held when parsing ended, before any script ran (an init script's readystatechange). */
interface ShellSeen {
  title?: Element | null;
  saveDisabled?: boolean;
  labels?: string[];
  stylesheets?: number;
  /** Every script and link the parsed HTML references: its first-load requests besides itself. */
  fetched?: string[];
  /** Scripts and links added later (a lazy chunk's modulepreload), with when. */
  added: { url: string; at: number }[];
}

const productionDir = process.env['KEEPLINK_PROD_EXT_DIR'] || fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));

describe('production build', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;

  beforeAll(async () => {
    servers = await startServers();
    // The sandbox pages' origin is granted, as a user's click on the toolbar button grants the tab: the popup reads its title.
    harness = await launchExtension({ extensionDir: productionDir, grantOrigins: ['http://127.0.0.1/*'] });
    // The harness opens its hidden control tab on first use; open it now, so it never takes the front later.
    await harness.evalInExtension(() => true);
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  it('exposes no test hooks: globalThis.__keeplinkTest is undefined in the service worker, and absent from its code', async () => {
    const worker = await harness.worker();
    expect(await worker.evaluate(() => typeof (globalThis as { __keeplinkTest?: unknown }).__keeplinkTest)).toBe('undefined');
    expect(await worker.evaluate(() => Object.getOwnPropertyNames(globalThis).filter((name) => /keeplink/i.test(name)))).toEqual([]);
    const script = await readFile(join(productionDir, harness.manifest.background.service_worker), 'utf8');
    expect(script).not.toContain('__keeplinkTest');
  });

  it('renders the popup for a tab: first run offers to add a destination', async () => {
    const { page, tabId } = await openTestPage(harness, servers.pages, '/article.html');
    const popup = await harness.popupPageFor(tabId);
    await popup.getByRole('button', { name: 'Add a destination' }).waitFor({ timeout: 5_000 });
    expect(await popup.getByText('Keeplink has no destination yet').count()).toBe(1);
    expect(await popup.getByRole('tab', { name: 'History' }).count()).toBe(1);
    expect(await popup.getByRole('status').count()).toBe(1);
    await popup.close();
    await page.close();
  });

  it('renders the options page and its add form', async () => {
    const options = await harness.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Add destination' }).click();
    const service = options.getByRole('combobox', { name: 'Service' });
    await service.waitFor({ timeout: 5_000 });
    expect(await service.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Sharely', 'ShortPen', 'Userplane']));
    expect(await options.getByRole('textbox', { name: 'API key' }).count()).toBe(1);
    await options.close();
  });

  it('paints the prerendered form before its script runs, loads one script before ready, and fills that same form', async () => {
    await harness.evalInExtension(() =>
      chrome.storage.local.set({
        destinations: [{ id: 'wiki', name: 'Team wiki', provider: 'sharely', baseUrl: 'https://wiki.example', apiKey: 'k', workspaceId: 'w' }],
      }),
    );
    const { page, tabId } = await openTestPage(harness, servers.pages, '/article.html');
    const popup = await harness.context.newPage();
    try {
      await popup.addInitScript(() => {
        const seen: ShellSeen = { added: [] };
        Object.defineProperty(globalThis, '__shellSeen', { value: seen });
        new MutationObserver((mutations) => {
          for (const node of mutations.flatMap((mutation) => [...mutation.addedNodes])) {
            if (document.readyState !== 'loading' && (node instanceof HTMLScriptElement || node instanceof HTMLLinkElement)) {
              seen.added.push({ url: node instanceof HTMLScriptElement ? node.src : node.href, at: performance.now() });
            }
          }
        }).observe(document, { childList: true, subtree: true });
        document.addEventListener('readystatechange', () => {
          // "interactive": the HTML is parsed; deferred and module scripts have not run yet.
          if (document.readyState !== 'interactive') return;
          seen.title = document.getElementById('title');
          seen.saveDisabled = document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled;
          seen.labels = [...document.querySelectorAll('label')].map((label) => label.textContent ?? '');
          seen.stylesheets = document.querySelectorAll('link[rel="stylesheet"]').length;
          seen.fetched = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')].map((el) =>
            new URL(el instanceof HTMLScriptElement ? el.src : el.href).pathname,
          );
        });
      });
      await popup.goto(harness.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.waitForFunction(() => performance.getEntriesByName('keeplink:ready').length > 0, undefined, { timeout: 10_000 });
      const after = await popup.evaluate(() => {
        const seen = (globalThis as unknown as { __shellSeen: ShellSeen }).__shellSeen;
        const title = document.getElementById('title') as HTMLInputElement;
        const ready = performance.getEntriesByName('keeplink:ready')[0]!.startTime;
        const addedBeforeReady = seen.added.filter((entry) => entry.at < ready).map((entry) => entry.url);
        return {
          shellLabels: seen.labels,
          shellSaveDisabled: seen.saveDisabled,
          shellStylesheets: seen.stylesheets,
          sameTitleNode: seen.title === title,
          title: title.value,
          focused: document.activeElement === title,
          saveDisabled: document.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled,
          fetched: seen.fetched,
          addedBeforeReady,
        };
      });
      expect(after.shellLabels).toEqual(['Title', 'URL', 'Destination', 'Note', 'Tags']);
      expect(after.shellSaveDisabled).toBe(true);
      expect(after.shellStylesheets).toBe(0);
      expect(after.sameTitleNode).toBe(true);
      expect(after.title).toBe(await page.title());
      expect(after.focused).toBe(true);
      expect(after.saveDisabled).toBe(false);
      expect(after.fetched).toHaveLength(1);
      expect(after.fetched?.[0]).toMatch(/^\/chunks\/popup-[\w-]+\.js$/);
      expect(after.addedBeforeReady).toEqual([]);
      expect(await popup.getByRole('combobox', { name: 'Destination' }).locator('option').allTextContents()).toEqual(['Team wiki']);
    } finally {
      await popup.close();
      await page.close();
      await harness.evalInExtension(() => chrome.storage.local.remove('destinations'));
    }
  });
});
