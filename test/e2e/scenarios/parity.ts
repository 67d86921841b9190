// What a Firefox user must get exactly as a Chrome user does, beyond the core path: every menu item and
// per-destination submenu, the popup shortcut, the failure popup, and every download. Stated once, run in both.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { READING_LIST } from '../../sandbox/pages';
import { sandboxApi, sandboxForm, startServers } from '../support';
import type { E2EDriver, UiPage, WebTab } from './driver';
import { pollFor } from './poll';
import { clickControl, control, fillControl, selectByLabel, waitForListText, waitForStatus } from './ui';

declare const chrome: typeof import('wxt/browser').browser;

const KB = 'Team KB';
const SHORT = 'Short links';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ParityOptions {
  /**
   * Whether the browser answers permission requests by itself in tests. Firefox does (its doorhanger is turned
   * off by a pref, so the real request path runs); headless Chromium hangs on the prompt (TOOLCHAIN.md), and
   * save-all-tabs.e2e.ts covers it there with the permission pre-granted.
   */
  answersPermissionPrompts: boolean;
}

export function parityScenarios(launch: () => Promise<E2EDriver>, options: ParityOptions): void {
  describe('parity scenarios', () => {
    let servers: Awaited<ReturnType<typeof startServers>>;
    let sandbox: ReturnType<typeof sandboxApi>;
    let driver: E2EDriver;
    let ids: Record<string, string>;
    const opened: UiPage[] = [];

    const openWeb = async (path: string): Promise<WebTab> => {
      const tab = await driver.openWebPage(path.startsWith('/') ? `${servers.pages.url}${path}` : path);
      opened.push(tab.page);
      return tab;
    };
    const openPage = async (path: string): Promise<UiPage> => {
      const page = await driver.openExtensionPage(path);
      opened.push(page);
      return page;
    };
    const addDestination = async (options: UiPage, service: string, name: string, fields: Record<string, string>) => {
      await clickControl(options, 'button', 'Add destination');
      await selectByLabel(options, 'Service', service);
      await fillControl(options, 'Name', name);
      for (const [label, value] of Object.entries(fields)) await fillControl(options, label, value);
      await clickControl(options, 'button', 'Save destination');
      await control(options, 'listitem', name);
    };
    /** The text of the role=status of every open popup.html view: the action popup, or the page opened in a tab. */
    const popupStatuses = () =>
      driver.evalInExtension(
        () =>
          chrome.extension
            .getViews()
            .filter((view) => (view as unknown as Window).location.pathname === '/popup.html')
            .map((view) => (view as unknown as Window).document.querySelector('[role=status]')?.textContent?.trim() ?? ''),
        undefined,
      );

    beforeAll(async () => {
      servers = await startServers();
      sandbox = sandboxApi(servers.sandbox);
      driver = await launch();
      const options = await driver.openExtensionPage('options.html');
      await addDestination(options, 'Sharely', KB, sandboxForm(servers.sandbox, 'sharely'));
      await addDestination(options, 'ShortPen', SHORT, sandboxForm(servers.sandbox, 'shortpen'));
      await options.close();
      ids = await driver.evalInExtension(async () => {
        const { destinations } = await chrome.storage.local.get('destinations');
        return Object.fromEntries((destinations as { id: string; name: string }[]).map((d) => [d.name, d.id]));
      }, undefined);
    });
    afterAll(async () => {
      await driver?.close();
      await servers?.close();
    });
    beforeEach(async () => {
      for (const page of opened.splice(0)) await page.close().catch(() => undefined);
      await sandbox.reset();
    });

    it('every menu item exists, each with a submenu per destination', async () => {
      const tab = await openWeb(READING_LIST.path);
      const link = { kind: 'link' as const, selector: '#guide-link', linkUrl: `${servers.pages.url}${READING_LIST.linkPath}` };
      const selection = { kind: 'selection' as const, selector: '#quote', text: READING_LIST.quote };
      for (const [target, kind] of [[{ kind: 'page' as const }, 'page'], [link, 'link'], [selection, 'selection']] as const) {
        for (const id of [`keeplink-${kind}`, `keeplink-${kind}:${ids[KB]}`, `keeplink-${kind}:${ids[SHORT]}`]) {
          expect(await driver.menuHasItem(tab, target, id), id).toBe(true);
        }
      }
      expect(await driver.menuHasItem(tab, { kind: 'page' }, 'keeplink-save-all-tabs')).toBe(true);
    });

    it('a per-destination submenu item sends the link to that destination, not the default one', async () => {
      const tab = await openWeb(READING_LIST.path);
      const linkUrl = `${servers.pages.url}${READING_LIST.linkPath}`;
      await driver.clickMenuItem(tab, { kind: 'link', selector: '#guide-link', linkUrl }, `keeplink-link:${ids[SHORT]}`);
      const [request] = await pollFor('the ShortPen request', async () => {
        const list = await sandbox.requests('shortpen');
        return list.length ? list : undefined;
      });
      expect(request!.body).toMatchObject({ url: linkUrl });
      expect(await sandbox.requests('sharely')).toEqual([]);
    });

    it('the selection menu item saves the page with the selection quoted in the note', async () => {
      const tab = await openWeb(READING_LIST.path);
      await driver.clickMenuItem(tab, { kind: 'selection', selector: '#quote', text: READING_LIST.quote }, `keeplink-selection:${ids[KB]}`);
      const [request] = await pollFor('the Sharely request', async () => {
        const list = await sandbox.requests('sharely');
        return list.length ? list : undefined;
      });
      expect(request!.body['url']).toBe(tab.url);
      expect(JSON.stringify(request!.body)).toContain(READING_LIST.quote);
    });

    it('the popup shortcut (_execute_action) opens the popup for the tab in front', async () => {
      const tab = await openWeb('/page/shortcut.html');
      await driver.fireCommand(tab, '_execute_action');
      const statuses = await pollFor('the action popup to open', async () => {
        const list = await popupStatuses();
        return list.length ? list : undefined;
      });
      expect(statuses).toHaveLength(1);
      await driver.evalInExtension(() => {
        for (const view of chrome.extension.getViews({ type: 'popup' })) (view as unknown as Window).close();
      }, undefined);
    });

    it('a shortcut save that fails opens the popup (or its page) with the reason', async () => {
      const tab = await openWeb('about:blank');
      await driver.fireCommand(tab, 'quick-save');
      const statuses = await pollFor('a popup showing the failure', async () => {
        const list = (await popupStatuses()).filter((text) => text.startsWith('Failed'));
        return list.length ? list : undefined;
      });
      // The reason depends on what the browser shows of an about:blank tab (no URL, or a non-web one).
      expect(statuses[0]).toMatch(/^Failed — \S/);
      await driver.evalInExtension(() => {
        for (const view of chrome.extension.getViews()) {
          if ((view as unknown as Window).location.pathname === '/popup.html') (view as unknown as Window).close();
        }
      }, undefined);
    });

    it.runIf(options.answersPermissionPrompts)('"Save all tabs in this window" asks for `tabs`, then saves every web tab of the window', async () => {
      expect(await driver.evalInExtension(() => chrome.permissions.contains({ permissions: ['tabs'] }), undefined)).toBe(false);
      const tabs = [await openWeb('/page/all-1.html'), await openWeb('/page/all-2.html')];
      await driver.clickMenuItem(tabs[1]!, { kind: 'page' }, 'keeplink-save-all-tabs');
      const urls = await pollFor('both pages at the sandbox', async () => {
        const list = (await sandbox.requests('sharely')).map((r) => String(r.body['url']));
        return tabs.every((tab) => list.includes(tab.url)) ? list : undefined;
      });
      expect(urls.every((url) => url.startsWith('http'))).toBe(true);
      expect(await driver.evalInExtension(() => chrome.permissions.contains({ permissions: ['tabs'] }), undefined)).toBe(true);
    });

    it('downloads: settings export (no keys), History JSON, and the QR code PNG', async () => {
      const options = await openPage('options.html');
      const settings = await driver.download(options, async () => options.click(await control(options, 'button', 'Export settings')));
      expect(settings.name).toBe('keeplink-settings.json');
      const exported = JSON.parse(settings.bytes.toString('utf8')) as { keysIncluded: boolean; destinations: { name: string; apiKey: string }[] };
      expect(exported.keysIncluded).toBe(false);
      expect(exported.destinations.map((d) => [d.name, d.apiKey])).toEqual([[KB, ''], [SHORT, '']]);

      const tab = await openWeb('/page/qr.html');
      const popup = await openPage(`popup.html?tabId=${tab.tabId}`);
      await pollFor('the popup to fill in the title', async () => {
        const title = await control(popup, 'textbox', 'Title');
        return popup.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value, title);
      });
      await selectByLabel(popup, 'Destination', KB);
      await clickControl(popup, 'button', 'Save');
      await waitForStatus(popup, 'Saved');
      await clickControl(popup, 'button', 'Show QR code');
      const png = await driver.download(popup, async () => popup.click(await control(popup, 'button', 'Download PNG')));
      expect(png.name).toBe('keeplink-qr.png');
      expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

      await clickControl(popup, 'tab', 'History');
      await waitForListText(popup, 'Captures', 'Page qr');
      const history = await driver.download(popup, async () => popup.click(await control(popup, 'button', 'Export JSON')));
      expect(history.name).toMatch(/^keeplink-history-.*\.json$/);
      expect(history.bytes.toString('utf8')).toContain(tab.url);
    });
  });
}
