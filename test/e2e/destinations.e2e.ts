// Issue 3 in real Chromium: each of the five services configured through Options, a page saved from the popup,
// one contract-valid request at the sandbox, the result in the popup; and a revoked key that pauses only its destination.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../lib/providers/types';
import { compileContract } from '../contracts/schemas';
import { launchExtension, type Harness } from './harness/launch';
import { addDestination, sandboxApi, sandboxForm, startServers, waitFor, showMoreOptions } from './support';

// The five seed services; the self-hosted ones have their own file (self-hosted.e2e.ts).
const NAMES = {
  sharely: 'KB',
  shortpen: 'Short links',
  userplane: 'Recordings',
  poozle: 'Integrations',
  'link-action': 'Actions',
} as const satisfies Partial<Record<ProviderId, string>>;
type SeedProvider = keyof typeof NAMES;

describe('five destinations, each held to its contract', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;
  let options: Page;

  beforeAll(async () => {
    servers = await startServers();
    sandbox = sandboxApi(servers.sandbox);
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
    options = await harness.openExtensionPage('options.html');
    for (const provider of Object.keys(NAMES) as SeedProvider[]) {
      await addDestination(options, provider, NAMES[provider], sandboxForm(servers.sandbox, provider));
    }
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  async function saveFromPopup(provider: SeedProvider, slug: string, setup?: (popup: Page) => Promise<void>) {
    const page = await harness.context.newPage();
    const url = `${servers.pages.url}/page/${slug}.html`;
    await page.goto(url);
    const popup = await harness.popupPageFor(await harness.tabIdOf(page));
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: NAMES[provider] });
    await setup?.(popup);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitFor(`${provider} to say Saved`, async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Saved'));
    return { page, popup, url };
  }

  it.each(Object.keys(NAMES) as SeedProvider[])('%s: one valid request and the result in the popup', async (provider) => {
    await sandbox.reset();
    const { page, popup, url } = await saveFromPopup(provider, `five-${provider}`, async (p) => {
      if (provider === 'shortpen') {
        await showMoreOptions(p);
        await p.getByRole('checkbox', { name: 'QR code' }).check();
      }
    });
    const requests = await sandbox.requests(provider);
    expect(requests).toHaveLength(1);
    const validate = compileContract(provider, 'request');
    expect(validate(requests[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(requests[0]!.valid).toBe(true);
    if (provider !== 'poozle') expect(JSON.stringify(requests[0]!.body)).toContain(url);
    if (provider === 'shortpen') {
      const link = popup.getByRole('link', { name: /\/s\// });
      await expect(link.getAttribute('href')).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\//);
      await expect(popup.getByRole('button', { name: 'Copy link' }).count()).resolves.toBe(1);
      await expect(popup.getByRole('img', { name: 'QR code' }).count()).resolves.toBe(1);
    }
    if (provider === 'userplane') {
      await expect(popup.getByRole('link', { name: /\/r\// }).getAttribute('href')).resolves.toMatch(/\/r\//);
    }
    await expect(popup.getByRole('status').count()).resolves.toBe(1);
    await popup.close();
    await page.close();
  });

  it('a revoked key pauses only its destination; fixing the key delivers the paused captures', async () => {
    await sandbox.reset();
    await sandbox.revoke('userplane', 'API_KEY_EXPIRED');
    const first = await (async () => {
      const page = await harness.context.newPage();
      await page.goto(`${servers.pages.url}/page/revoked-1.html`);
      const popup = await harness.popupPageFor(await harness.tabIdOf(page));
      await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: NAMES.userplane });
      await popup.getByRole('button', { name: 'Save' }).click();
      await waitFor('Paused', async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Paused'));
      return { page, popup };
    })();
    expect(await first.popup.getByRole('status').textContent()).toContain('API_KEY_EXPIRED');

    // Other destinations keep syncing.
    const other = await saveFromPopup('sharely', 'revoked-other');
    await other.popup.close();
    await other.page.close();

    // A new key in Options resumes the destination, and the paused capture is delivered once.
    const newKey = 'uspl_rotated_key_0002';
    await sandbox.setKey('userplane', newKey);
    await options.reload();
    const item = options.getByRole('listitem', { name: NAMES.userplane });
    await waitFor('pause shown in options', async () => (await item.textContent())?.includes('Paused'));
    await item.getByRole('button', { name: 'Edit' }).click();
    // The saved key is never in the page: the edit form offers to replace it.
    await options.getByRole('button', { name: 'Replace key' }).click();
    await options.getByRole('textbox', { name: 'API key' }).fill(newKey);
    await options.getByRole('button', { name: 'Save destination' }).click();
    await waitFor('delivered after the fix', async () => ((await first.popup.getByRole('status').textContent()) ?? '').startsWith('Saved'));
    const created = (await sandbox.requests('userplane')).filter((r) => r.createdId);
    expect(created).toHaveLength(1);
    await first.popup.close();
    await first.page.close();
  });
});
