// The production build in real Chromium: no test hooks anywhere in the worker, and the popup and options pages render.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Harness } from './harness/launch';
import { openTestPage, startServers } from './support';

const productionDir = process.env['KEEPLINK_PROD_EXT_DIR'] || fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));

describe('production build', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;

  beforeAll(async () => {
    servers = await startServers();
    harness = await launchExtension({ extensionDir: productionDir });
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
});
