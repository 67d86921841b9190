// The scenario driver for Chromium: Playwright pages, and the test build's hooks where headless Chromium has no native UI.
import type { Page } from 'playwright-core';
import type { E2EDriver, MenuTarget, UiPage, WebTab } from '../scenarios/driver';
import { menuClickWithGesture, type KeeplinkTestHooks } from '../support';
import { launchExtension, type ChromeApi, type Harness, type LaunchOptions } from './launch';

declare const chrome: ChromeApi;

class PlaywrightUiPage implements UiPage {
  constructor(readonly page: Page) {}
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
  }
  async click(selector: string): Promise<void> {
    await this.page.click(selector);
  }
  async fill(selector: string, text: string): Promise<void> {
    await this.page.fill(selector, text);
  }
  async select(selector: string, value: string): Promise<void> {
    await this.page.selectOption(selector, value);
  }
  async close(): Promise<void> {
    await this.page.close();
  }
}

const pageOf = (ui: UiPage): Page => {
  if (!(ui instanceof PlaywrightUiPage)) throw new Error('Not a page of this Chromium driver');
  return ui.page;
};

class ChromiumDriver implements E2EDriver {
  readonly browserName = 'chromium';
  constructor(readonly harness: Harness) {}

  async openExtensionPage(path: string): Promise<UiPage> {
    return new PlaywrightUiPage(await this.harness.openExtensionPage(path));
  }

  async openWebPage(url: string): Promise<WebTab> {
    const page = await this.harness.context.newPage();
    await page.goto(url);
    return { page: new PlaywrightUiPage(page), tabId: await this.harness.tabIdOf(page), url };
  }

  evalInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.harness.evalInExtension(fn, arg);
  }

  // Headless Chromium cannot open its context menu: the real handler runs with the click data Chrome would send.
  async clickMenuItem(tab: WebTab, target: MenuTarget, itemId: string): Promise<void> {
    const info = {
      menuItemId: itemId,
      editable: false,
      frameId: 0,
      ...(target.kind === 'action' ? {} : { pageUrl: tab.url }),
      ...(target.kind === 'link' ? { linkUrl: target.linkUrl } : target.kind === 'selection' ? { selectionText: target.text } : {}),
    };
    const answer = (await menuClickWithGesture(this.harness, info, tab.tabId)) as { ok?: boolean } | undefined;
    if (!answer?.ok) throw new Error(`The menu handler refused ${itemId}: ${JSON.stringify(answer)}`);
  }

  // Chrome lists no menu items, but update() fails for an id it does not hold: the item was created and accepted.
  async menuHasItem(_tab: WebTab, _target: MenuTarget, itemId: string): Promise<boolean> {
    return this.harness.evalInExtension(
      (id) => new Promise<boolean>((resolve) => chrome.contextMenus.update(id, {}, () => resolve(!chrome.runtime.lastError))),
      itemId,
    );
  }

  // Typed keys never reach browser shortcuts: the popup key does what Chrome does for it (action.openPopup), and
  // other commands run the real onCommand handler.
  async fireCommand(tab: WebTab, command: string): Promise<void> {
    if (command === '_execute_action') {
      const windowId = await this.harness.evalInExtension(async (id) => (await chrome.tabs.get(id)).windowId, tab.tabId);
      await this.harness.evalInExtension((id) => chrome.action.openPopup({ windowId: id }), windowId);
      return;
    }
    const worker = await this.harness.worker();
    await worker.evaluate(
      async ({ id, command }) => {
        const hooks = (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest;
        await hooks.onCommand(command, await chrome.tabs.get(id));
      },
      { id: tab.tabId, command },
    );
  }

  badgeText(): Promise<string> {
    return this.harness.badgeText();
  }

  async download(ui: UiPage, trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const page = pageOf(ui);
    const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  close(): Promise<void> {
    return this.harness.close();
  }
}

export async function launchChromiumDriver(options: LaunchOptions = { grantOrigins: ['http://127.0.0.1/*'] }): Promise<E2EDriver> {
  return new ChromiumDriver(await launchExtension(options));
}
