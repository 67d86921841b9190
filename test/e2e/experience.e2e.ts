// Issue 5 in real Chromium: menu targets (link, selection), page metadata in the popup, the quick-save shortcut,
// "Copy link" and the QR code, each checked at the sandbox and in the UI.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE, READING_LIST } from '../sandbox/pages';
import { launchExtension, type ChromeApi, type Harness } from './harness/launch';
import {
  addDestination,
  decodeQrImage,
  destinationIds,
  openTestPage,
  sandboxApi,
  sandboxForm,
  sandboxHold,
  startServers,
  waitFor,
  waitForStatus,
  type KeeplinkTestHooks,
  type SandboxRequest,
  showMoreOptions,
} from './support';

declare const chrome: ChromeApi;

const SHARELY = 'Team KB';
const SHORTPEN = 'Short links';
const USERPLANE = 'Recordings';

/** Whether the page has loaded the qrcode library, found by one of its own messages in the scripts Chromium parsed. */
async function loadsQrLibrary(harness: Harness, page: Page): Promise<boolean> {
  const session = await harness.context.newCDPSession(page);
  const scriptIds: string[] = [];
  session.on('Debugger.scriptParsed', (script) => scriptIds.push(script.scriptId));
  try {
    // Enabling the debugger reports every script already parsed, before it answers.
    await session.send('Debugger.enable');
    const sources = await Promise.all(scriptIds.map((scriptId) => session.send('Debugger.getScriptSource', { scriptId })));
    return sources.some(({ scriptSource }) => scriptSource.includes('The chosen QR Code version cannot contain'));
  } finally {
    await session.detach();
  }
}

describe('the capture experience', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;
  let ids: Record<string, string>;
  const opened: Page[] = [];

  beforeAll(async () => {
    servers = await startServers();
    sandbox = sandboxApi(servers.sandbox);
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
    const options = await harness.openExtensionPage('options.html');
    // The first destination is the default one: menus and the shortcut use it.
    await addDestination(options, 'sharely', SHARELY, sandboxForm(servers.sandbox, 'sharely'));
    await addDestination(options, 'shortpen', SHORTPEN, sandboxForm(servers.sandbox, 'shortpen'));
    await addDestination(options, 'userplane', USERPLANE, sandboxForm(servers.sandbox, 'userplane'));
    await options.close();
    ids = await destinationIds(harness);
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  beforeEach(async () => {
    await sandbox.reset();
    for (const page of opened.splice(0)) await page.close();
  });

  const open = async (path: string) => {
    const opening = await openTestPage(harness, servers.pages, path);
    opened.push(opening.page);
    return opening;
  };

  const popupFor = async (tabId: number, destination: string) => {
    const popup = await harness.popupPageFor(tabId);
    opened.push(popup);
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
    return popup;
  };

  /** Calls the worker's real context-menu handler with Chrome-shaped OnClickData and the real tab. */
  const clickMenu = async (info: Record<string, unknown>, tabId: number) => {
    const worker = await harness.worker();
    return worker.evaluate(
      async ({ info, tabId }) => {
        const tab = await chrome.tabs.get(tabId);
        const hooks = (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest;
        return (await hooks.onMenuClick(info, tab)) as { ok: boolean };
      },
      { info, tabId },
    );
  };

  const created = async (provider: Parameters<ReturnType<typeof sandboxApi>['requests']>[0], count = 1): Promise<SandboxRequest[]> =>
    waitFor(`${count} created ${provider} request(s)`, async () => {
      const list = (await sandbox.requests(provider)).filter((request) => request.createdId);
      return list.length >= count ? list : undefined;
    }, 10_000);

  it('right-click on a link saves the link target with the link text as title, not the page', async () => {
    const { tabId, url: pageUrl } = await open(READING_LIST.path);
    const linkUrl = `${servers.pages.url}${READING_LIST.linkPath}`;
    // Chrome's OnClickData for a link: no linkText (Firefox only), so the handler reads it from the frame.
    const answer = await clickMenu({ menuItemId: 'keeplink-link', editable: false, frameId: 0, pageUrl, linkUrl }, tabId);
    expect(answer.ok).toBe(true);
    const [request] = await created('sharely');
    expect(request!.valid).toBe(true);
    expect(request!.body).toMatchObject({
      url: linkUrl,
      title: READING_LIST.linkText,
      metadata: { sourceUrl: pageUrl, source: 'context-menu' },
    });
    expect(await sandbox.requests()).toHaveLength(1);
  });

  it('a per-destination menu item sends to that destination, not the default one', async () => {
    const { tabId, url: pageUrl } = await open(READING_LIST.path);
    const linkUrl = `${servers.pages.url}${READING_LIST.linkPath}`;
    const answer = await clickMenu({ menuItemId: `keeplink-link:${ids[USERPLANE]}`, editable: false, frameId: 0, pageUrl, linkUrl }, tabId);
    expect(answer.ok).toBe(true);
    const [request] = await created('userplane');
    expect(request!.body).toMatchObject({ linkReference: linkUrl, linkMeta: { title: READING_LIST.linkText } });
    expect(await sandbox.requests('sharely')).toHaveLength(0);
  });

  it('a selection becomes a quote in the note, on the page it was selected in', async () => {
    const { page, tabId, url: pageUrl } = await open(READING_LIST.path);
    const selectionText = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote')!);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    expect(selectionText).toBe(READING_LIST.quote);
    const answer = await clickMenu({ menuItemId: 'keeplink-selection', editable: false, frameId: 0, pageUrl, selectionText }, tabId);
    expect(answer.ok).toBe(true);
    const [request] = await created('sharely');
    expect(request!.valid).toBe(true);
    expect(request!.body).toMatchObject({
      url: pageUrl,
      title: READING_LIST.title,
      metadata: { note: `> ${READING_LIST.quote}`, selection: READING_LIST.quote, source: 'context-menu' },
    });
  });

  it('canonical and Open Graph metadata are read from the real page; "Use canonical URL" switches the URL', async () => {
    const { tabId, url: pageUrl } = await open('/article.html');
    const canonical = `${servers.pages.url}${ARTICLE.canonicalPath}`;
    const popup = await popupFor(tabId, SHARELY);
    const useCanonical = popup.getByRole('checkbox', { name: 'Use canonical URL' });
    await useCanonical.waitFor({ timeout: 5_000 });
    const urlField = popup.getByRole('textbox', { name: 'URL' });
    expect(await urlField.inputValue()).toBe(pageUrl);
    expect(await useCanonical.isChecked()).toBe(false);
    await useCanonical.check();
    expect(await urlField.inputValue()).toBe(canonical);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    const [request] = await created('sharely');
    expect(request!.valid).toBe(true);
    expect(request!.body).toMatchObject({
      url: canonical,
      title: ARTICLE.title,
      metadata: {
        canonicalUrl: canonical,
        siteName: ARTICLE.siteName,
        // og:description wins over the meta description.
        description: ARTICLE.ogDescription,
        imageUrl: `${servers.pages.url}/images/cover.png`,
        lang: 'en',
        source: 'popup',
      },
    });
  });

  it('the quick-save shortcut saves the active tab without a popup, and the badge shows it until delivered', async () => {
    const { page, tabId, url } = await open('/page/quick-save.html');
    await waitFor('an empty badge', async () => (await harness.badgeText()) === '');
    const hold = sandboxHold(servers.sandbox);
    await hold.hold(1);
    const tabsBefore = harness.context.pages().length;
    const worker = await harness.worker();
    const answer = await worker.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      const hooks = (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest;
      return (await hooks.onCommand('quick-save', tab)) as { ok: boolean; value?: { destination: { name: string } } };
    }, tabId);
    expect(answer.ok).toBe(true);
    expect(answer.value?.destination.name).toBe(SHARELY);
    try {
      await waitFor('the badge to count the undelivered capture', async () => (await harness.badgeText()) === '1', 5_000);
      expect(await harness.evalInExtension(() => chrome.extension.getViews({ type: 'popup' }).length)).toBe(0);
      expect(harness.context.pages()).toHaveLength(tabsBefore);
    } finally {
      await hold.release();
    }
    await waitFor('the badge to clear once delivered', async () => (await harness.badgeText()) === '', 10_000);
    const [request] = await created('sharely');
    expect(request!.body).toMatchObject({ url, title: 'Page quick-save', metadata: { source: 'shortcut' } });
    expect(await page.title()).toBe('Page quick-save');
  });

  it('"Copy link" puts the ShortPen short link on the clipboard; ShortPen\'s own QR encodes it', async () => {
    // CDP refuses a chrome-extension:// origin ("opaque"), so the grant covers every origin of this test profile.
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { tabId } = await open('/page/short-link.html');
    const popup = await popupFor(tabId, SHORTPEN);
    await showMoreOptions(popup);
    await popup.getByRole('checkbox', { name: 'QR code' }).check();
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    const [request] = await created('shortpen');
    const shortLink = `${servers.sandbox.url}/s/${request!.createdId}`;
    expect(await popup.getByRole('link', { name: shortLink, exact: true }).getAttribute('href')).toBe(shortLink);

    await popup.bringToFront();
    await popup.evaluate(() => navigator.clipboard.writeText('clipboard before the click'));
    await popup.getByRole('button', { name: 'Copy link' }).click();
    await popup.getByText('Copied to the clipboard').waitFor({ timeout: 5_000 });
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(shortLink);
    expect(await popup.getByRole('status').count()).toBe(1);

    // ShortPen returned its own QR PNG: it is shown at once, instead of a local one.
    const qr = popup.getByRole('img', { name: 'QR code' });
    expect(await popup.getByRole('button', { name: 'Show QR code' }).count()).toBe(0);
    expect(await decodeQrImage(popup, (await qr.getAttribute('src'))!)).toBe(shortLink);
  });

  it('the locally rendered QR code encodes the Userplane recording link; the QR library loads only then', async () => {
    const { tabId } = await open('/page/recording.html');
    const popup = await popupFor(tabId, USERPLANE);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    const [request] = await created('userplane');
    const recording = `${servers.sandbox.url}/r/${request!.createdId}`;
    expect(await popup.getByRole('link', { name: 'Open link' }).getAttribute('href')).toBe(recording);
    expect(await popup.getByRole('img', { name: 'QR code' }).count()).toBe(0);
    expect(await loadsQrLibrary(harness, popup)).toBe(false);
    await popup.getByRole('button', { name: 'Show QR code' }).click();
    const qr = popup.getByRole('img', { name: 'QR code' });
    await qr.waitFor({ timeout: 5_000 });
    const src = (await qr.getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/png;base64,/);
    expect(await decodeQrImage(popup, src)).toBe(recording);
    expect(await popup.getByRole('button', { name: 'Download PNG' }).count()).toBe(1);
    expect(await loadsQrLibrary(harness, popup)).toBe(true);
  });

  it('with no result link (Sharely), the local QR code encodes the saved page URL', async () => {
    const { tabId, url } = await open('/page/knowledge.html');
    const popup = await popupFor(tabId, SHARELY);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    await popup.getByRole('button', { name: 'Show QR code' }).click();
    const qr = popup.getByRole('img', { name: 'QR code' });
    await qr.waitFor({ timeout: 5_000 });
    expect(await decodeQrImage(popup, (await qr.getAttribute('src'))!)).toBe(url);
  });
});
