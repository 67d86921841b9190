// Launches system Chromium with the built Keeplink extension loaded, and the handles tests drive it with.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser as ChromeNamespace } from '@wxt-dev/browser';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { readBuiltManifest, resolveExtensionDir } from './extension-dir';
import type { BuiltManifest } from './extension-dir';
import { PopupView } from './popup-view';
import { grantHostPermissionsInProfile } from './profile-prefs';
import { TargetSession } from './target-session';
import { pollUntil, withTimeout } from './with-timeout';

/**
 * The type of the `chrome` global inside functions run in extension pages. Declare it where
 * needed with `declare const chrome: ChromeApi;` (there is deliberately no project-wide global).
 */
export type ChromeApi = typeof ChromeNamespace;

declare const chrome: ChromeApi;

export const chromiumPath = '/usr/bin/chromium';

const launchTimeoutMs = 30_000;
const stepTimeoutMs = 10_000;

export interface LaunchOptions {
  /** Built extension directory; default $KEEPLINK_EXT_DIR or .output/chrome-mv3-e2e. */
  extensionDir?: string;
  /** Host patterns to pre-grant as if the user had accepted the prompt, e.g. ['http://127.0.0.1/*']. */
  grantOrigins?: string[];
  /** Default true. Headed mode needs a display. */
  headless?: boolean;
}

interface TabRef {
  tabId: number;
  windowId: number;
}

export interface Harness {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly extensionDir: string;
  readonly manifest: BuiltManifest;
  /** One temporary folder holding the profile and Chromium's temp files; close() removes it. */
  readonly tempRoot: string;
  /** How long each launch step took, in milliseconds. */
  readonly launchTimings: ReadonlyArray<{ step: string; ms: number }>;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** The running service worker; waits (bounded) for it to start if it is stopped. Never wakes it. */
  worker(timeoutMs?: number): Promise<Worker>;
  /** Whether Chromium currently runs the extension's service worker (ground truth from CDP targets). */
  isServiceWorkerRunning(): Promise<boolean>;
  /** Stops the service worker as Chrome does when idle, and waits until it is gone. */
  stopServiceWorker(): Promise<void>;
  /** Opens an extension page in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Runs `fn(arg)` in a hidden extension page (chrome.* available); it never wakes the worker. */
  evalInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Brings `page` to the front and returns its chrome tab id. */
  tabIdOf(page: Page): Promise<number>;
  /** Opens the real action popup for `page`'s tab (closing any open popup first). */
  openPopupFor(page: Page): Promise<PopupView>;
  /** Opens popup.html?tabId=<tabId> in a new tab: the popup UI as a normal Playwright Page. */
  popupPageFor(tabId: number): Promise<Page>;
  /** chrome.action.getBadgeText for one tab, or the global badge when tabId is omitted. */
  badgeText(tabId?: number): Promise<string>;
  /** Closes Chromium and removes the temporary folder. Safe to call twice. */
  close(): Promise<void>;
}

function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--lang=en-US',
    // "Check connection" names a DNS failure: this name never resolves, and no lookup ever leaves the machine.
    '--host-resolver-rules=MAP unresolvable.test ~NOTFOUND',
  ];
}

function childEnv(chromiumTmp: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, TMPDIR: chromiumTmp };
}

async function launchChromium(
  profileDir: string,
  chromiumTmp: string,
  extensionDir: string,
  headless: boolean,
): Promise<BrowserContext> {
  return withTimeout(
    chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless,
      args: chromiumArgs(extensionDir),
      locale: 'en-US',
      env: childEnv(chromiumTmp),
      timeout: launchTimeoutMs,
    }),
    launchTimeoutMs + 5_000,
    `launching ${chromiumPath} with the extension from ${extensionDir}`,
  );
}

function serviceWorkerUrlOf(context: BrowserContext, scriptPath: string): string | undefined {
  return context
    .serviceWorkers()
    .map((worker) => worker.url())
    .find((url) => url.startsWith('chrome-extension://') && new URL(url).pathname === `/${scriptPath}`);
}

async function waitForExtensionId(context: BrowserContext, manifest: BuiltManifest, extensionDir: string): Promise<string> {
  const url = await pollUntil(
    async () => serviceWorkerUrlOf(context, manifest.background.service_worker),
    `the service worker of the extension in ${extensionDir} to register (did the build fail, or is background.js broken?)`,
    { timeoutMs: stepTimeoutMs },
  );
  const id = new URL(url).host;
  if (!/^[a-p]{32}$/.test(id)) throw new Error(`Unexpected extension id "${id}" in service worker URL ${url}`);
  return id;
}

class LaunchedHarness implements Harness {
  private controlPage: Page | undefined;
  private closed = false;

  constructor(
    readonly context: BrowserContext,
    private readonly browserSession: CDPSession,
    readonly extensionId: string,
    readonly extensionDir: string,
    readonly manifest: BuiltManifest,
    readonly tempRoot: string,
    readonly launchTimings: ReadonlyArray<{ step: string; ms: number }>,
  ) {}

  extensionUrl(path: string): string {
    return `chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`;
  }

  private get serviceWorkerUrl(): string {
    return this.extensionUrl(this.manifest.background.service_worker);
  }

  private get popupPath(): string {
    const popup = this.manifest.action?.default_popup;
    if (popup === undefined) throw new Error(`The manifest in ${this.extensionDir} has no action.default_popup`);
    return popup;
  }

  private async listTargets(): Promise<Array<{ targetId: string; type: string; url: string }>> {
    const { targetInfos } = await withTimeout(this.browserSession.send('Target.getTargets'), stepTimeoutMs, 'listing CDP targets');
    return targetInfos;
  }

  async isServiceWorkerRunning(): Promise<boolean> {
    const targetInfos = await this.listTargets();
    return targetInfos.some((target) => target.type === 'service_worker' && target.url === this.serviceWorkerUrl);
  }

  async worker(timeoutMs = stepTimeoutMs): Promise<Worker> {
    // After a stop, Chromium restarts the worker under the same target, and Playwright keeps (and
    // reuses) the same Worker object; it emits no new 'serviceworker' event.
    return pollUntil(
      async () => {
        if (!(await this.isServiceWorkerRunning())) return undefined;
        return this.context.serviceWorkers().find((worker) => worker.url() === this.serviceWorkerUrl);
      },
      `Keeplink's service worker to be running. A stopped worker starts only on an extension event ` +
        '(a message, alarm, menu click, popup request); worker() never wakes it',
      { timeoutMs },
    );
  }

  async stopServiceWorker(): Promise<void> {
    if (!(await this.isServiceWorkerRunning())) return;
    const page = await this.ensureControlPage();
    const session = await this.context.newCDPSession(page);
    try {
      await withTimeout(session.send('ServiceWorker.enable'), stepTimeoutMs, 'CDP ServiceWorker.enable');
      await withTimeout(session.send('ServiceWorker.stopAllWorkers'), stepTimeoutMs, 'CDP ServiceWorker.stopAllWorkers');
    } finally {
      await session.detach().catch(() => undefined);
    }
    await pollUntil(
      async () => ((await this.isServiceWorkerRunning()) ? undefined : true),
      'the stopped service worker to disappear from the CDP targets',
      { timeoutMs: stepTimeoutMs },
    );
  }

  async openExtensionPage(path: string): Promise<Page> {
    const page = await this.context.newPage();
    const url = this.extensionUrl(path);
    await withTimeout(page.goto(url), stepTimeoutMs, `opening ${url}`);
    return page;
  }

  async evalInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const page = await this.ensureControlPage();
    const run = page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
    return withTimeout(run, stepTimeoutMs, `evaluating in the extension page: ${fn.toString().slice(0, 100)}`);
  }

  async tabIdOf(page: Page): Promise<number> {
    return (await this.tabOf(page)).tabId;
  }

  private async tabOf(page: Page): Promise<TabRef> {
    // Open the hidden control tab first: opened later, it would become the active tab itself.
    await this.ensureControlPage();
    await withTimeout(page.bringToFront(), stepTimeoutMs, `bringing ${page.url()} to the front`);
    const tab = await this.evalInExtension(async () => {
      const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return active ? { tabId: active.id, windowId: active.windowId, url: active.url } : null;
    });
    if (!tab || tab.tabId === undefined) throw new Error(`No active tab after bringing ${page.url()} to the front`);
    // The URL is visible only with host permission for the page; when it is, it must agree.
    if (tab.url !== undefined && tab.url !== page.url()) {
      throw new Error(`The active tab shows ${tab.url}, not ${page.url()}; cannot identify the page's tab`);
    }
    return { tabId: tab.tabId, windowId: tab.windowId };
  }

  async openPopupFor(page: Page): Promise<PopupView> {
    await this.closeOpenPopups();
    const { tabId, windowId } = await this.tabOf(page);
    const before = new Set((await this.listTargets()).map((target) => target.targetId));
    const failure = await this.evalInExtension(
      (id) =>
        chrome.action.openPopup({ windowId: id }).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      windowId,
    );
    if (failure !== null) {
      throw new Error(
        `chrome.action.openPopup() failed: ${failure}. ("Could not find an active browser window" also ` +
          'means a permission prompt or another popup is pending.)',
      );
    }
    const popupUrl = this.extensionUrl(this.popupPath);
    const target = await pollUntil(
      async () =>
        (await this.listTargets()).find(
          (target) => target.type === 'page' && !before.has(target.targetId) && target.url.startsWith(popupUrl),
        ),
      `the action popup (${popupUrl}) to appear as a CDP target`,
      { timeoutMs: stepTimeoutMs },
    );
    const popup = new PopupView(await TargetSession.attach(this.browserSession, target.targetId), tabId, target.url);
    await popup.waitForFunction(() => document.readyState === 'complete', undefined, { timeoutMs: stepTimeoutMs });
    return popup;
  }

  async popupPageFor(tabId: number): Promise<Page> {
    return this.openExtensionPage(`${this.popupPath}?tabId=${tabId}`);
  }

  async badgeText(tabId?: number): Promise<string> {
    return this.evalInExtension(
      (id) => chrome.action.getBadgeText(id === null ? {} : { tabId: id }),
      tabId ?? null,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await withTimeout(this.context.close(), stepTimeoutMs, 'closing Chromium');
    } finally {
      await rm(this.tempRoot, { recursive: true, force: true, maxRetries: 3 });
    }
  }

  private async ensureControlPage(): Promise<Page> {
    if (this.controlPage && !this.controlPage.isClosed()) return this.controlPage;
    // manifest.json renders as plain text under the extension's origin: an extension page with
    // chrome.* that runs none of Keeplink's code and sends the worker no events.
    this.controlPage = await this.openExtensionPage('manifest.json');
    return this.controlPage;
  }

  // A second openPopup() while a popup is open fails with "Could not find an active browser window".
  private async closeOpenPopups(): Promise<void> {
    const open = await this.evalInExtension(() => {
      const views = chrome.extension.getViews({ type: 'popup' });
      // @wxt-dev/browser types the views as its own empty Window interface.
      for (const view of views) (view as unknown as { close(): void }).close();
      return views.length;
    });
    if (open === 0) return;
    await pollUntil(
      async () => ((await this.evalInExtension(() => chrome.extension.getViews({ type: 'popup' }).length)) === 0 ? true : undefined),
      'the previous popup to close',
      { timeoutMs: stepTimeoutMs },
    );
  }
}

/**
 * Starts Chromium with the extension loaded in a fresh profile. With grantOrigins, it starts once
 * to learn the extension id, writes the grant into the closed profile, restarts, and verifies it.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<Harness> {
  const extensionDir = resolveExtensionDir(options.extensionDir);
  const manifest = await readBuiltManifest(extensionDir);
  const grantOrigins = options.grantOrigins ?? [];
  const headless = options.headless ?? true;
  const timings: Array<{ step: string; ms: number }> = [];
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings.push({ step, ms: Math.round(performance.now() - started) });
    return result;
  };

  const tempRoot = await mkdtemp(join(tmpdir(), 'keeplink-e2e-'));
  const profileDir = join(tempRoot, 'profile');
  const chromiumTmp = join(tempRoot, 'tmp');
  let context: BrowserContext | undefined;
  try {
    await mkdir(chromiumTmp);
    const first = await timed('launch', () => launchChromium(profileDir, chromiumTmp, extensionDir, headless));
    context = first;
    const extensionId = await timed('extension id', () => waitForExtensionId(first, manifest, extensionDir));
    if (grantOrigins.length > 0) {
      await timed('close for grant', () => withTimeout(first.close(), stepTimeoutMs, 'closing Chromium to edit its profile'));
      context = undefined;
      await timed('grant in profile', () => grantHostPermissionsInProfile(profileDir, extensionId, grantOrigins));
      const second = await timed('relaunch', () => launchChromium(profileDir, chromiumTmp, extensionDir, headless));
      context = second;
      const relaunchedId = await timed('extension id again', () => waitForExtensionId(second, manifest, extensionDir));
      if (relaunchedId !== extensionId) {
        throw new Error(`The extension id changed across restarts (${extensionId} → ${relaunchedId})`);
      }
    }
    const browser = context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for the persistent context; cannot open a browser CDP session');
    const browserSession = await withTimeout(browser.newBrowserCDPSession(), stepTimeoutMs, 'opening a browser CDP session');
    const harness = new LaunchedHarness(context, browserSession, extensionId, extensionDir, manifest, tempRoot, timings);
    if (grantOrigins.length > 0) {
      const granted = await timed('verify grant', () =>
        harness.evalInExtension((origins) => chrome.permissions.contains({ origins }), grantOrigins),
      );
      if (!granted) {
        throw new Error(
          `Pre-granting ${grantOrigins.join(', ')} did not take: chrome.permissions.contains() is false after restart. ` +
            'Are the origins listed in optional_host_permissions, and did Chromium change its preference keys?',
        );
      }
    }
    return harness;
  } catch (error) {
    if (context) await withTimeout(context.close(), stepTimeoutMs, 'closing Chromium after a failed launch').catch(() => undefined);
    await rm(tempRoot, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}
