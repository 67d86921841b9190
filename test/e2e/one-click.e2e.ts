// Issue 12, one-click save, in the real action popup: with "Save immediately when I open the popup" nothing reaches
// the service (nor the outbox: no badge, a flush sends nothing) while Undo shows; the save goes when the 5 s window
// ends; Undo means nothing is ever sent. "Close the popup after a successful save" closes it on delivery, but never
// after the user typed since Save. The e2e build's hook ends the Undo window at once: no sleep, no wall clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromeApi, Harness } from './harness/launch';
import type { PopupView } from './harness/popup-view';
import { pollUntil } from './harness/with-timeout';
import {
  launchWithDestinations,
  openTestPage,
  sandboxApi,
  sandboxHold,
  startServers,
  waitFor,
  type KeeplinkTestHooks,
} from './support';

declare const chrome: ChromeApi;

interface PopupTestHooks {
  pendingTimers(): number;
  runPending(): void;
}

const NAME = 'Reading list';

describe('one-click save in the action popup', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;

  beforeAll(async () => {
    const started = await launchWithDestinations(['sharely', NAME]);
    ({ servers, sandbox, harness } = started);
    const { options } = started;
    // Turned on the way a user does: the two checkboxes in Options.
    await options.getByRole('checkbox', { name: 'Save immediately when I open the popup' }).check();
    await options.getByRole('checkbox', { name: 'Close the popup after a successful save' }).check();
    await waitFor('both preferences to be stored', async () => {
      const { preferences } = await harness.evalInExtension(() => chrome.storage.local.get('preferences'));
      const stored = preferences as { saveOnOpen?: boolean; closeAfterSave?: boolean } | undefined;
      return stored?.saveOnOpen === true && stored.closeAfterSave === true;
    });
    await options.close();
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  const sentFor = async (url: string) => (await sandbox.requests('sharely')).filter((r) => JSON.stringify(r.body).includes(url));
  const hooks = (popup: PopupView) => ({
    pending: () => popup.evaluate(() => (window as unknown as { __keeplinkPopupTest: PopupTestHooks }).__keeplinkPopupTest.pendingTimers()),
    endUndoWindow: () => popup.evaluate(() => (window as unknown as { __keeplinkPopupTest: PopupTestHooks }).__keeplinkPopupTest.runPending()),
  });
  /** The worker's own flush, as an alarm would run it: whatever the outbox holds is sent now. */
  const flushNow = async () => {
    const worker = await harness.worker();
    await worker.evaluate(() => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.flush());
  };
  const status = (popup: PopupView) => popup.getByRole('status').textContent();

  it('sends nothing while Undo shows, saves when the window ends, then closes once delivered', async () => {
    const { page, url } = await openTestPage(harness, servers.pages, '/page/one-click.html');
    const popup = await harness.openPopupFor(page);
    await popup.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await status(popup)).toBe('Saving in 5 seconds.');
    expect(await hooks(popup).pending()).toBe(1);
    // Not sent, not queued: a flush finds nothing, and the badge counts nothing.
    await flushNow();
    expect(await sentFor(url)).toEqual([]);
    expect(await harness.badgeText(popup.tabId)).toBe('');
    expect(await popup.getByRole('button', { name: 'Undo' }).count()).toBe(1);

    await hooks(popup).endUndoWindow();
    await pollUntil(async () => (popup.isClosed ? true : undefined), 'the popup to close after the delivery', { timeoutMs: 20_000 });
    const sent = await sentFor(url);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.valid).toBe(true);
  });

  it('Undo: nothing is ever sent, however long the popup stays open or the worker flushes', async () => {
    const { page, url } = await openTestPage(harness, servers.pages, '/page/undo.html');
    const popup = await harness.openPopupFor(page);
    await popup.getByRole('button', { name: 'Undo' }).click();
    expect(await status(popup)).toBe('Not saved. Nothing was sent.');
    expect(await popup.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    expect(await hooks(popup).pending()).toBe(0);
    await hooks(popup).endUndoWindow();
    await flushNow();
    expect(await sentFor(url)).toEqual([]);
    expect(await harness.badgeText(popup.tabId)).toBe('');
    expect(popup.isClosed).toBe(false);
    await popup.close();
  });

  it('typing stops the wait, and typing after Save keeps the popup open after delivery', async () => {
    const { page, url } = await openTestPage(harness, servers.pages, '/page/typing.html');
    const popup = await harness.openPopupFor(page);
    await popup.getByRole('button', { name: 'Undo' }).waitFor();
    await popup.getByRole('textbox', { name: 'Note' }).fill('Check the figures');
    expect(await status(popup)).toBe('Not saved yet: press Save when you are done.');
    expect(await hooks(popup).pending()).toBe(0);
    expect(await sentFor(url)).toEqual([]);

    // The answer is held, so the user types after Save and before the delivery, deterministically.
    const hold = sandboxHold(servers.sandbox);
    await hold.hold((await sandbox.requests('sharely')).length + 1);
    try {
      await popup.getByRole('button', { name: 'Save' }).click();
      await waitFor('the request to reach the sandbox', async () => (await sentFor(url)).length === 1);
      await popup.getByRole('textbox', { name: 'Tags' }).fill('later');
    } finally {
      await hold.release();
    }
    await waitFor('the popup to say Saved', async () => (await status(popup)).startsWith('Saved'));
    expect(popup.isClosed).toBe(false);
    expect((await sentFor(url))[0]!.body).toMatchObject({ metadata: { note: 'Check the figures' } });
    await popup.close();
  });
});
