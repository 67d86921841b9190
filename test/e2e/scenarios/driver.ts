// The small interface every browser harness implements, so each e2e scenario is written once and runs in
// Chromium (Playwright) and Firefox (puppeteer-core over WebDriver BiDi).

/** A page of the extension or the web, driven with real input (clicks are trusted events). */
export interface UiPage {
  /** Runs `fn(arg)` in the page; both must be serializable. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  click(selector: string): Promise<void>;
  /** Replaces a text field's value, firing `input` as typing does. */
  fill(selector: string, text: string): Promise<void>;
  /** Picks the option whose value is `value`. */
  select(selector: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export interface WebTab {
  page: UiPage;
  tabId: number;
  url: string;
}

/** What the user right-clicks: the page, a link in it (`selector` finds the anchor), selected text, or the toolbar button. */
export type MenuTarget =
  | { kind: 'page' }
  | { kind: 'action' }
  | { kind: 'link'; selector: string; linkUrl: string }
  | { kind: 'selection'; selector: string; text: string };

export interface E2EDriver {
  readonly browserName: 'chromium' | 'firefox';
  openExtensionPage(path: string): Promise<UiPage>;
  /** Opens an http(s) page in a new tab, waits for it to load, and brings it to the front. */
  openWebPage(url: string): Promise<WebTab>;
  /** Runs `fn(arg)` in an extension page that runs none of Keeplink's code; `chrome.*` is available. */
  evalInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Right-clicks `target` in `tab` and picks Keeplink's menu item `itemId`. */
  clickMenuItem(tab: WebTab, target: MenuTarget, itemId: string): Promise<void>;
  /** Whether the browser's context menu for `target` in `tab` holds Keeplink's item `itemId`. */
  menuHasItem(tab: WebTab, target: MenuTarget, itemId: string): Promise<boolean>;
  /** Fires the keyboard shortcut `command` with `tab` in front (typed keys never reach browser shortcuts). */
  fireCommand(tab: WebTab, command: string): Promise<void>;
  /** The toolbar badge (global, not per tab). */
  badgeText(): Promise<string>;
  /** Runs `trigger` (which must start one download in `page`) and returns the downloaded file. */
  download(page: UiPage, trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }>;
  close(): Promise<void>;
}
