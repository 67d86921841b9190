// The core scenarios of issue 11, stated once and run in every browser: each driver says how, never what.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { originPattern } from '../../../lib/origin';
import { compileContract } from '../../contracts/schemas';
import { READING_LIST } from '../../sandbox/pages';
import { sandboxApi, sandboxForm, startServers, type SandboxRequest } from '../support';
import type { E2EDriver, UiPage, WebTab } from './driver';
import { pollFor } from './poll';
import { clickControl, control, fillControl, selectByLabel, waitForListText, waitForStatus } from './ui';

const DESTINATION = 'Team KB';

/** `chrome` inside evalInExtension: Chromium's, or Firefox's MV3 `chrome`, which returns promises too. */
declare const chrome: typeof import('wxt/browser').browser;

export function coreScenarios(launch: () => Promise<E2EDriver>): void {
  describe('core scenarios', () => {
    let servers: Awaited<ReturnType<typeof startServers>>;
    let sandbox: ReturnType<typeof sandboxApi>;
    let driver: E2EDriver;
    const validSharely = compileContract('sharely', 'request');
    const opened: UiPage[] = [];

    const openWeb = async (path: string): Promise<WebTab> => {
      const tab = await driver.openWebPage(`${servers.pages.url}${path}`);
      opened.push(tab.page);
      return tab;
    };
    /** popup.html?tabId=N in a tab of its own: the popup UI for that tab, ready once its title is filled. */
    const openPopup = async (tab: WebTab): Promise<UiPage> => {
      const popup = await driver.openExtensionPage(`popup.html?tabId=${tab.tabId}`);
      opened.push(popup);
      const title = await control(popup, 'textbox', 'Title');
      await pollFor('the popup to fill in the tab title', () => popup.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value, title));
      return popup;
    };
    const created = (provider: 'sharely', count: number) =>
      pollFor(`${count} created ${provider} request(s)`, async () => {
        const list = (await sandbox.requests(provider)).filter((r: SandboxRequest) => r.createdId);
        return list.length >= count ? list : undefined;
      });
    const badge = (text: string) => pollFor(`the badge to read "${text}"`, async () => (await driver.badgeText()) === text || undefined, 30_000);

    beforeAll(async () => {
      servers = await startServers();
      sandbox = sandboxApi(servers.sandbox);
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
      await servers?.close();
    });
    beforeEach(async () => {
      for (const page of opened.splice(0)) await page.close().catch(() => undefined);
      await sandbox.clearFaults();
      await sandbox.reset();
    });

    it('configures a destination in Options: stored locally, host permission granted, no warning', async () => {
      const options = await driver.openExtensionPage('options.html');
      opened.push(options);
      await clickControl(options, 'button', 'Add destination');
      await selectByLabel(options, 'Service', 'Sharely');
      await fillControl(options, 'Name', DESTINATION);
      for (const [label, value] of Object.entries(sandboxForm(servers.sandbox, 'sharely'))) await fillControl(options, label, value);
      await clickControl(options, 'button', 'Save destination');
      const item = await control(options, 'listitem', DESTINATION);
      expect(await options.evaluate((s) => document.querySelector(s)?.textContent ?? '', item)).not.toContain('Needs permission');
      const stored = await driver.evalInExtension(async (origin) => {
        const { destinations } = await chrome.storage.local.get('destinations');
        return { names: (destinations as { name: string }[]).map((d) => d.name), granted: await chrome.permissions.contains({ origins: [origin] }) };
      }, originPattern(servers.sandbox.url, { withPort: driver.browserName === 'chromium' }));
      expect(stored).toEqual({ names: [DESTINATION], granted: true });
    });

    it('saves from the popup: one contract-valid request, and the popup says Saved', async () => {
      const tab = await openWeb('/article.html');
      const popup = await openPopup(tab);
      await fillControl(popup, 'Title', 'Edited title ✓');
      await clickControl(popup, 'button', 'Save');
      const status = await waitForStatus(popup, 'Saved');
      const requests = await sandbox.requests('sharely');
      expect(requests).toHaveLength(1);
      expect(validSharely(requests[0]!.body)).toBe(true);
      expect(requests[0]!.body).toMatchObject({ type: 'LINK', url: tab.url, title: 'Edited title ✓' });
      expect(status).toContain(requests[0]!.createdId);
    });

    it('saves a link from the context menu: its target and text, not the page', async () => {
      const tab = await openWeb(READING_LIST.path);
      const linkUrl = `${servers.pages.url}${READING_LIST.linkPath}`;
      await driver.clickMenuItem(tab, { kind: 'link', selector: '#guide-link', linkUrl }, 'keeplink-link');
      const [request] = await created('sharely', 1);
      expect(request!.body).toMatchObject({ url: linkUrl, title: READING_LIST.linkText });
      expect(validSharely(request!.body)).toBe(true);
    });

    it('queues a save while the destination is down, and delivers it once after it returns', async () => {
      await sandbox.fault({ provider: 'sharely', mode: 'down' });
      const tab = await openWeb('/page/offline.html');
      const popup = await openPopup(tab);
      await clickControl(popup, 'button', 'Save');
      await waitForStatus(popup, 'Queued — will sync when');
      await badge('1');
      await sandbox.clearFaults();
      await badge('');
      const delivered = await created('sharely', 1);
      expect(delivered.map((r) => r.body['url'])).toEqual([tab.url]);
    });

    it('the badge counts undelivered captures, and clears once they are delivered', async () => {
      await badge('');
      await sandbox.fault({ provider: 'sharely', mode: 'down' });
      for (const path of ['/page/badge-1.html', '/page/badge-2.html']) {
        await driver.clickMenuItem(await openWeb(path), { kind: 'page' }, 'keeplink-page');
      }
      await badge('2');
      await sandbox.clearFaults();
      await badge('');
      expect((await created('sharely', 2)).map((r) => r.body['url']).sort()).toEqual(
        [`${servers.pages.url}/page/badge-1.html`, `${servers.pages.url}/page/badge-2.html`],
      );
    });

    it('the quick-save shortcut saves the tab in front, without a popup', async () => {
      const tab = await openWeb('/page/quick-save.html');
      await driver.fireCommand(tab, 'quick-save');
      const [request] = await created('sharely', 1);
      expect(request!.body).toMatchObject({ url: tab.url, title: 'Page quick-save', metadata: { source: 'shortcut' } });
    });

    it('History exports a CSV file with the saved captures', async () => {
      const tab = await openWeb('/page/history.html');
      const popup = await openPopup(tab);
      await clickControl(popup, 'tab', 'History');
      // History loads on demand: export only once it lists the earlier capture.
      await waitForListText(popup, 'Captures', 'Page quick-save');
      const exportButton = await control(popup, 'button', 'Export CSV');
      const file = await driver.download(popup, () => popup.click(exportButton));
      expect(file.name).toMatch(/^keeplink-history-.*\.csv$/);
      expect(file.bytes.toString('utf8')).toContain(`${servers.pages.url}/page/quick-save.html`);
    });

    it('"Save all tabs in this window" is in the page menu and the toolbar button\'s menu', async () => {
      const tab = await openWeb('/page/menu.html');
      expect(await driver.menuHasItem(tab, { kind: 'action' }, 'keeplink-save-all-tabs')).toBe(true);
      expect(await driver.menuHasItem(tab, { kind: 'page' }, 'keeplink-save-all-tabs')).toBe(true);
      expect(await driver.menuHasItem(tab, { kind: 'page' }, 'keeplink-page')).toBe(true);
      expect(await driver.menuHasItem(tab, { kind: 'page' }, 'keeplink-no-such-item')).toBe(false);
    });
  });
}
