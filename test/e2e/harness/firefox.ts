// Launches Firefox ESR with the built Keeplink add-on through puppeteer-core (WebDriver BiDi), and drives it as
// a user would: real clicks, the real context menu, the shortcut's own <key> element, real downloads.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { E2EDriver, MenuTarget, UiPage, WebTab } from '../scenarios/driver';
import { pollFor } from '../scenarios/poll';
import { resolveExtensionDir } from './extension-dir';

export const firefoxPath = process.env['KEEPLINK_FIREFOX'] ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'keeplink@keeplink.dev';
/** Fixed, so moz-extension:// URLs are known before install. */
const EXTENSION_UUID = '6a1f3c1e-7f4b-4c55-9e1a-0c5b8e2d9f10';
const stepTimeoutMs = 10_000;

declare const chrome: typeof import('wxt/browser').browser;

/** The raw BiDi connection puppeteer keeps; only it can reach Firefox's chrome (browser window) scope. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

type BidiValue = { type: 'string'; value: string } | { type: 'boolean'; value: boolean } | { type: string; value?: unknown };

class PuppeteerUiPage implements UiPage {
  constructor(readonly page: Page) {}
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>;
  }
  async click(selector: string): Promise<void> {
    await this.page.click(selector);
  }
  // Sets the value and fires `input`, as Playwright's fill does; the clicks stay real input.
  async fill(selector: string, text: string): Promise<void> {
    await this.page.$eval(
      selector,
      (el, value) => {
        const field = el as HTMLInputElement;
        field.focus();
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      },
      text,
    );
  }
  async select(selector: string, value: string): Promise<void> {
    await this.page.select(selector, value);
  }
  async close(): Promise<void> {
    await this.page.close();
  }
}

class FirefoxDriver implements E2EDriver {
  readonly browserName = 'firefox';
  private control: Page | undefined;

  constructor(
    readonly browser: Browser,
    private readonly tempRoot: string,
    private readonly downloadDir: string,
    private readonly extensionDir: string,
  ) {}

  extensionUrl(path: string): string {
    return `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  }

  private get connection(): BidiConnection {
    return (this.browser as unknown as { connection: BidiConnection }).connection;
  }

  private privilegedContext: string | undefined;

  /**
   * A background about:preferences tab: a parent-process page with the system principal, from which the browser
   * window is `topChromeWindow`. BiDi's `moz:scope: 'chrome'` would reach the window directly, but ESR 140 (what
   * Debian ships) ignores it and lists content tabs only; this route works on 140 and later.
   */
  private async privilegedTab(): Promise<string> {
    if (this.privilegedContext) return this.privilegedContext;
    const created = (await this.connection.send('browsingContext.create', { type: 'tab', background: true })).result as { context: string };
    await this.connection.send('browsingContext.navigate', { context: created.context, url: 'about:preferences', wait: 'complete' });
    this.privilegedContext = created.context;
    return created.context;
  }

  /** Evaluates `expression` in the browser window's privileged scope (needs -remote-allow-system-access). */
  async chromeEval(expression: string): Promise<unknown> {
    const context = await this.privilegedTab();
    // The expression sees the browser window's globals, as if it ran in browser.xhtml.
    const inWindow = `((window) => { const { document, CustomizableUI, MouseEvent, Event } = window; return (${expression}); })(window.browsingContext.topChromeWindow)`;
    const answer = (await this.connection.send('script.evaluate', { expression: inWindow, target: { context }, awaitPromise: true })).result as {
      type: string;
      result?: BidiValue;
      exceptionDetails?: { text: string };
    };
    if (answer.type !== 'success') throw new Error(`Privileged script failed: ${answer.exceptionDetails?.text ?? JSON.stringify(answer)}`);
    return answer.result?.value;
  }

  private async navigateToExtensionPage(page: Page, path: string): Promise<void> {
    const url = this.extensionUrl(path);
    // page.goto never resolves for moz-extension:// pages: navigate without waiting, then poll the document.
    const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'none'): Promise<unknown> } };
    await frame.browsingContext.navigate(url, 'none');
    // Polled with evaluate: waitForFunction compiles its predicate with Function(), which the add-on's CSP blocks in ESR 140.
    await pollFor(`${url} to load`, () => page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url), stepTimeoutMs);
  }

  async openExtensionPage(path: string): Promise<UiPage> {
    const page = await this.browser.newPage();
    await this.navigateToExtensionPage(page, path);
    return new PuppeteerUiPage(page);
  }

  private async controlPage(): Promise<Page> {
    if (this.control && !this.control.isClosed()) return this.control;
    const page = await this.browser.newPage();
    // manifest.json opens in Firefox's JSON viewer under the add-on's origin: chrome.* and none of Keeplink's code.
    await this.navigateToExtensionPage(page, 'manifest.json');
    this.control = page;
    return page;
  }

  async evalInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const page = await this.controlPage();
    return page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>;
  }

  async openWebPage(url: string): Promise<WebTab> {
    await this.controlPage();
    const page = await this.browser.newPage();
    await page.goto(url);
    await page.bringToFront();
    // The tab in front; its URL is visible only with host permission for it, and must then agree.
    const tabId = await pollFor(`the tab of ${url} in front`, () =>
      this.evalInExtension(async (href) => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab && tab.status === 'complete' && (tab.url === undefined || tab.url === href) ? tab.id : undefined;
      }, url),
    );
    return { page: new PuppeteerUiPage(page), tabId, url };
  }

  private menuItemDomId(itemId: string): string {
    return `${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}-menuitem-_${itemId}`;
  }

  /**
   * Right-clicks the target and waits until Firefox has built Keeplink's items into the menu; returns the menu's id.
   * A page target gets a real right-click. The toolbar button (browser chrome, out of reach of page input) is
   * pinned to the toolbar and its context menu opened on it, as a right-click there does.
   */
  private async openContextMenu(tab: WebTab, target: MenuTarget): Promise<string> {
    const page = (tab.page as PuppeteerUiPage).page;
    await page.bringToFront();
    let menuId = 'contentAreaContextMenu';
    if (target.kind === 'action') {
      menuId = 'toolbar-context-menu';
      const widget = JSON.stringify(`${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}-browser-action`);
      await this.chromeEval(`(() => {
        CustomizableUI.addWidgetToArea(${widget}, 'nav-bar');
        const node = document.getElementById(${widget});
        let trigger;
        node.addEventListener('contextmenu', (e) => { trigger = e; e.preventDefault(); e.stopPropagation(); }, { once: true, capture: true });
        node.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
        document.getElementById('toolbar-context-menu').openPopup(node, 'after_start', 0, 0, true, false, trigger);
      })()`);
    } else {
      // A selection left from an earlier right-click would add the selection items to any menu: set it each time.
      await page.evaluate((selector) => {
        getSelection()?.removeAllRanges();
        if (selector === undefined) return;
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector)!);
        getSelection()?.addRange(range);
      }, target.kind === 'selection' ? target.selector : undefined);
      await page.click(target.kind === 'page' ? 'body' : target.selector, { button: 'right' });
    }
    await pollFor(`the menu ${menuId} to open with Keeplink items`, async () =>
      (await this.chromeEval(`(() => { const m = document.getElementById('${menuId}');
        return m.state === 'open' && !!m.querySelector('[id^="${this.menuItemDomId('')}"]'); })()`)) === true || undefined,
    );
    return menuId;
  }

  private async closeContextMenu(menuId: string): Promise<void> {
    await this.chromeEval(`document.getElementById('${menuId}').hidePopup()`);
    await this.waitForMenuClosed(menuId);
  }

  private async waitForMenuClosed(menuId: string): Promise<void> {
    await pollFor(`the menu ${menuId} to close`, async () => (await this.chromeEval(`document.getElementById('${menuId}').state === 'closed'`)) === true || undefined);
  }

  async clickMenuItem(tab: WebTab, target: MenuTarget, itemId: string): Promise<void> {
    const menuId = await this.openContextMenu(tab, target);
    const item = `document.getElementById(${JSON.stringify(this.menuItemDomId(itemId))})`;
    // With several items Firefox nests them in a "Keeplink" submenu: open it as hovering would, then pick the item.
    const found = await this.chromeEval(`(() => { const item = ${item}; if (!item) return false;
      const popup = item.closest('menupopup'); if (popup.id !== '${menuId}') popup.parentElement.openMenu(true); return true; })()`);
    if (found !== true) {
      await this.closeContextMenu(menuId);
      throw new Error(`Firefox's menu ${menuId} has no item ${itemId}`);
    }
    await pollFor(`the menu holding ${itemId} to open`, async () => (await this.chromeEval(`${item}.closest('menupopup').state === 'open'`)) === true || undefined);
    await this.chromeEval(`(() => { const item = ${item}; item.closest('menupopup').activateItem(item); })()`);
    await this.waitForMenuClosed(menuId);
  }

  async menuHasItem(tab: WebTab, target: MenuTarget, itemId: string): Promise<boolean> {
    const menuId = await this.openContextMenu(tab, target);
    try {
      return (await this.chromeEval(`!!document.getElementById(${JSON.stringify(this.menuItemDomId(itemId))})`)) === true;
    } finally {
      await this.closeContextMenu(menuId);
    }
  }

  /** Fires the `command` event of the shortcut's <key> element, which is what pressing the keys does. */
  async fireCommand(tab: WebTab, command: string): Promise<void> {
    await (tab.page as PuppeteerUiPage).page.bringToFront();
    const manifest = JSON.parse(await readFile(join(this.extensionDir, 'manifest.json'), 'utf8')) as {
      commands: Record<string, { suggested_key: { default: string } }>;
    };
    const shortcut = manifest.commands[command]?.suggested_key.default;
    if (!shortcut) throw new Error(`The manifest has no shortcut for ${command}`);
    const parts = shortcut.split('+');
    const key = parts.pop()!;
    const modifiers = parts.map((p) => p.toLowerCase()).join(',');
    const keyset = `ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}`;
    const fired = await this.chromeEval(`(() => {
      const key = [...document.querySelectorAll('#${keyset} key')].find((k) => k.getAttribute('key') === ${JSON.stringify(key)} && k.getAttribute('modifiers') === ${JSON.stringify(modifiers)});
      if (!key) return false;
      key.dispatchEvent(new Event('command', { bubbles: true }));
      return true; })()`);
    if (fired !== true) throw new Error(`No <key> for ${command} (${shortcut}) in #${keyset}`);
  }

  badgeText(): Promise<string> {
    return this.evalInExtension(() => chrome.action.getBadgeText({}), undefined);
  }

  async download(_page: UiPage, trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const before = new Set(await readdir(this.downloadDir));
    await trigger();
    const name = await pollFor('a finished download in the download folder', async () => {
      const names = (await readdir(this.downloadDir)).filter((n) => !before.has(n) && !n.endsWith('.part'));
      // Firefox writes the file, then removes its .part companion once complete.
      const parts = (await readdir(this.downloadDir)).filter((n) => n.endsWith('.part'));
      return names.length === 1 && parts.length === 0 ? names[0] : undefined;
    });
    return { name, bytes: await readFile(join(this.downloadDir, name)) };
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await rm(this.tempRoot, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

export interface FirefoxLaunchOptions {
  /** Built add-on; default $KEEPLINK_FIREFOX_EXT_DIR or .output/firefox-mv3-e2e. */
  extensionDir?: string;
  /** Host patterns granted as if the user had accepted the prompt, e.g. ['http://127.0.0.1/*']. */
  grantOrigins?: string[];
}

/**
 * Starts Firefox with the add-on installed in a fresh profile. Permission requests are answered yes without a
 * doorhanger (`extensions.webextOptionalPermissionPrompts`), so the real request path runs; grantOrigins only
 * pre-grants, for tests that need a permission before any click.
 */
export async function launchFirefoxDriver(options: FirefoxLaunchOptions = {}): Promise<FirefoxDriver> {
  const extensionDir = options.extensionDir ?? resolveExtensionDir(process.env['KEEPLINK_FIREFOX_EXT_DIR'] || join(process.cwd(), '.output', 'firefox-mv3-e2e'));
  const tempRoot = await mkdtemp(join(tmpdir(), 'keeplink-ff-'));
  const downloadDir = join(tempRoot, 'downloads');
  await mkdir(downloadDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    userDataDir: join(tempRoot, 'profile'),
    args: ['-remote-allow-system-access'],
    env: { ...process.env, TMPDIR: tempRoot },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.locale.requested': 'en-US',
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const driver = new FirefoxDriver(browser, tempRoot, downloadDir, extensionDir);
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`Installed add-on id ${id}, expected ${GECKO_ID}`);
    if (options.grantOrigins?.length) {
      // The same grant the prompt would record (Chromium's harness writes it into the profile instead).
      await driver.chromeEval(`(async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        await ExtensionPermissions.add(${JSON.stringify(GECKO_ID)}, { permissions: [], origins: ${JSON.stringify(options.grantOrigins)} },
          ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}));
        return true; })()`);
      const granted = await driver.evalInExtension((origins) => chrome.permissions.contains({ origins }), options.grantOrigins);
      if (!granted) throw new Error(`Granting ${options.grantOrigins.join(', ')} did not take effect`);
    }
    return driver;
  } catch (error) {
    await driver.close();
    throw error;
  }
}
