// Issue 12: every popup state fits the browser's 600 px popup height at 340 and 400 px width, without scrolling.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChromeApi, Harness } from './harness/launch';
import {
  destinationIds,
  launchWithDestinations,
  openTestPage,
  sandboxApi,
  sandboxHold,
  startServers,
  waitFor,
  waitForStatus,
  type KeeplinkTestHooks,
} from './support';

declare const chrome: ChromeApi;

const SHARELY = 'Team knowledge base with a long name';
const SHORTPEN = 'Short links';
const POOZLE = 'Integrations';
const WIDTHS = [340, 400];
const LIMIT = 600;
const TAGS = ['architecture', 'offline-first', 'reading-list', 'research', 'to-review', 'team'];

describe('the popup fits 600 px in every state', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;
  let ids: Record<string, string>;
  const opened: Page[] = [];

  beforeAll(async () => {
    const started = await launchWithDestinations(['sharely', SHARELY], ['shortpen', SHORTPEN], ['poozle', POOZLE]);
    ({ servers, sandbox, harness } = started);
    await started.options.close();
    ids = await destinationIds(harness);
    // History to suggest six tags from and to list, so the tallest forms of both are measured.
    const worker = await harness.worker();
    const inputs = Array.from({ length: 8 }, (_, i) => ({
      page: { url: `https://example.com/seed/${i}`, title: `A seeded capture with a title long enough to wrap, number ${i}` },
      source: 'popup',
      destinationId: ids[SHARELY],
      tags: TAGS,
    }));
    await worker.evaluate((list) => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.enqueueMany(list), inputs);
    await waitFor('the seeded captures to be delivered', async () => (await sandbox.requests('sharely')).filter((r) => r.createdId).length >= 8);
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  beforeEach(async () => {
    await sandbox.clearFaults();
    for (const page of opened.splice(0)) await page.close();
  });

  const popupOn = async (path: string, destination?: string) => {
    const { tabId } = await openTestPage(harness, servers.pages, path);
    const popup = await harness.popupPageFor(tabId);
    opened.push(popup);
    if (destination) await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
    return popup;
  };

  /**
   * The popup's document height at each width. The viewport is kept short: scrollHeight is never less than the
   * viewport, so only a short one makes it the content's own height, as a popup sized to its content has.
   */
  const heights = async (popup: Page): Promise<Record<number, { height: number; width: number }>> => {
    const out: Record<number, { height: number; width: number }> = {};
    for (const width of WIDTHS) {
      await popup.setViewportSize({ width, height: 100 });
      out[width] = await popup.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
    }
    return out;
  };

  /** Lists every width at which the state is taller than 600 px or scrolls sideways: none may be. */
  const expectFits = async (popup: Page, state: string) => {
    const measured = await heights(popup);
    console.log(`popup-fit ${state}: ${WIDTHS.map((w) => `${w}px → ${measured[w]!.height}px`).join(', ')}`);
    const misfits = WIDTHS.flatMap((width) => {
      const { height, width: scrollWidth } = measured[width]!;
      return height > LIMIT || scrollWidth > width ? [`${state} at ${width} px: ${scrollWidth}×${height}`] : [];
    });
    expect(misfits).toEqual([]);
  };

  it('can fail: a popup made taller than 600 px is caught', async () => {
    const popup = await popupOn('/article.html');
    await popup.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('div'), { style: 'height: 700px' })));
    const measured = await heights(popup);
    for (const width of WIDTHS) expect(measured[width]!.height).toBeGreaterThan(LIMIT);
  });

  it('ready on a page with a canonical URL and six suggested tags, then the already-saved notice', async () => {
    const popup = await popupOn('/article.html', SHARELY);
    await popup.getByRole('checkbox', { name: 'Use canonical URL' }).waitFor();
    await popup.getByRole('group', { name: 'Suggested tags' }).waitFor();
    await popup.getByRole('textbox', { name: 'Note' }).fill('A note that goes on for a while so that it takes the two lines the field shows.');
    await expectFits(popup, 'ready');
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    await expectFits(popup, 'saved');
    const again = await popupOn('/article.html', SHARELY);
    await again.getByText(/^Already saved on/).waitFor();
    await expectFits(again, 'already saved');
  });

  it('failed (the capture rejected, with the server’s long message)', async () => {
    await sandbox.fault({ provider: 'sharely', mode: 'status', status: 400, count: 1, message: 'The title of this capture is not accepted by the workspace rules; change it and save again.' });
    const failed = await popupOn('/page/failed.html', SHARELY);
    await failed.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(failed, 'Failed');
    await expectFits(failed, 'failed');
  });

  it('sending (the request held), then queued (the server down)', async () => {
    const hold = sandboxHold(servers.sandbox);
    const delivered = (await sandbox.requests('sharely')).length;
    await hold.hold(delivered + 1);
    try {
      const popup = await popupOn('/page/sending.html', SHARELY);
      await popup.getByRole('button', { name: 'Save' }).click();
      await waitForStatus(popup, 'Queued');
      await expectFits(popup, 'sending');
    } finally {
      await hold.release();
    }
    await sandbox.fault({ provider: 'sharely', mode: 'down' });
    const queued = await popupOn('/page/queued.html', SHARELY);
    await queued.getByRole('button', { name: 'Save' }).click();
    await waitFor('the queued reason', async () => /^Queued.*will sync/.test((await queued.getByRole('status').textContent()) ?? ''));
    await expectFits(queued, 'queued');
  });

  it('ShortPen with More options open, its result, and the QR code in place of the form', async () => {
    const popup = await popupOn('/page/launch-announcement.html', SHORTPEN);
    const more = popup.getByRole('button', { name: 'More options' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await popup.getByRole('textbox', { name: 'UTM campaign' }).fill('spring-launch');
    await popup.getByRole('checkbox', { name: 'QR code' }).check();
    await expectFits(popup, 'ShortPen, More options open');
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    await popup.getByRole('img', { name: 'QR code' }).waitFor();
    expect(await popup.getByRole('textbox', { name: 'Title' }).count()).toBe(0);
    await expectFits(popup, 'ShortPen QR');
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.getByRole('textbox', { name: 'UTM campaign' }).waitFor();
    await expectFits(popup, 'ShortPen result with More options open');

    // Remembered for that destination: the next popup opens with it open; Poozle's stays closed.
    const next = await popupOn('/page/other.html', SHORTPEN);
    await next.getByRole('textbox', { name: 'Custom slug' }).waitFor();
    await next.getByRole('combobox', { name: 'Destination' }).selectOption({ label: POOZLE });
    expect(await next.getByRole('button', { name: 'More options' }).getAttribute('aria-expanded')).toBe('false');
    await next.getByRole('button', { name: 'More options' }).click();
    await next.getByRole('textbox', { name: 'Categories' }).waitFor();
    await expectFits(next, 'Poozle, More options open');
  });

  it('History with its list', async () => {
    const popup = await popupOn('/article.html');
    await popup.getByRole('tab', { name: 'History' }).click();
    await popup.getByRole('textbox', { name: 'Search' }).waitFor();
    await waitFor('history items', async () => (await popup.getByRole('listitem').count()) >= 8);
    await expectFits(popup, 'History');
  });

  it('not a web page', async () => {
    const other = await harness.openExtensionPage('options.html');
    opened.push(other);
    const popup = await harness.popupPageFor(await harness.tabIdOf(other));
    opened.push(popup);
    await waitForStatus(popup, 'Keeplink');
    await expectFits(popup, 'not a web page');
  });

  it('paused (the key revoked)', async () => {
    await sandbox.revoke('sharely');
    const popup = await popupOn('/page/paused.html', SHARELY);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Paused');
    await expectFits(popup, 'paused');
  });

  it('first run, with no destination', async () => {
    const stored = await harness.evalInExtension(async () => (await chrome.storage.local.get('destinations')).destinations as unknown);
    await harness.evalInExtension(() => chrome.storage.local.set({ destinations: [] }));
    try {
      const popup = await popupOn('/article.html');
      await popup.getByRole('button', { name: 'Add a destination' }).waitFor();
      await expectFits(popup, 'first run');
    } finally {
      await harness.evalInExtension((list) => chrome.storage.local.set({ destinations: list }), stored);
    }
  });

  it('one-click save: the Undo window, on a page with suggested tags and the longest destination name', async () => {
    await harness.evalInExtension(() => chrome.storage.local.set({ preferences: { saveOnOpen: true } }));
    try {
      const popup = await popupOn('/page/one-click-fit.html');
      await popup.getByRole('button', { name: 'Undo' }).waitFor();
      await popup.getByRole('group', { name: 'Suggested tags' }).waitFor();
      await expectFits(popup, 'one-click, Undo showing');
      await popup.getByRole('button', { name: 'Undo' }).click();
      await waitForStatus(popup, 'Not saved');
      await expectFits(popup, 'one-click, undone');
    } finally {
      await harness.evalInExtension(() => chrome.storage.local.remove('preferences'));
    }
  });
});
