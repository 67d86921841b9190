// The README's screenshots, one scene each: the real extension (e2e build) driven against the sandbox.
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { ChromeApi, Harness } from '../e2e/harness/launch';
import { addDestination, openTestPage, sandboxApi, sandboxForm, startServers, waitFor, waitForStatus, type KeeplinkTestHooks, showMoreOptions } from '../e2e/support';

declare const chrome: ChromeApi;

export type Servers = Awaited<ReturnType<typeof startServers>>;

export const NAMES = {
  sharely: 'Team knowledge base',
  shortpen: 'Short links',
  userplane: 'Screen recordings',
  poozle: 'Integrations',
} as const;

/**
 * Writes a PNG of `page`'s first `main` element, rendered at 2× so it stays sharp on high-density screens.
 * CDP's clip scale re-renders the page at that scale (Playwright's screenshots keep the context's 1×).
 */
async function shoot(harness: Harness, page: Page, file: string, margin = 0): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const box = await page.locator('main').first().boundingBox();
  if (!box) throw new Error(`Nothing to photograph in ${page.url()}: no visible <main>`);
  const session = await harness.context.newCDPSession(page);
  try {
    const { data } = await session.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin, scale: 2 },
    });
    await writeFile(file, Buffer.from(data, 'base64'));
  } finally {
    await session.detach();
  }
}

export async function configureDestinations(harness: Harness, servers: Servers): Promise<Page> {
  const options = await harness.openExtensionPage('options.html');
  for (const provider of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    await addDestination(options, provider, NAMES[provider], sandboxForm(servers.sandbox, provider));
  }
  return options;
}

export async function optionsScene(harness: Harness, options: Page, file: string): Promise<void> {
  await options.reload();
  await options.getByRole('listitem', { name: NAMES.poozle }).waitFor();
  await shoot(harness, options, file, 24);
}

export type Scheme = 'light' | 'dark';

const suffix = (scheme: Scheme) => (scheme === 'dark' ? '-dark' : '');

/**
 * The popup's form, then the same capture saved (the one-line result), then its edit form: one save, three states.
 * Written as popup.png, result.png and edit.png (with -dark before .png in the dark scheme).
 */
export async function popupScenes(harness: Harness, servers: Servers, dir: string, scheme: Scheme): Promise<string[]> {
  const { tabId } = await openTestPage(harness, servers.pages, '/article.html');
  const popup = await harness.popupPageFor(tabId);
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.getByRole('checkbox', { name: 'Use canonical URL' }).waitFor();
  await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: NAMES.sharely });
  await popup.getByRole('textbox', { name: 'Note' }).fill('Good primer on outboxes for the sync redesign.');
  await popup.getByRole('textbox', { name: 'Tags' }).fill('offline, architecture');
  await popup.getByRole('textbox', { name: 'Title' }).focus();
  const files = ['popup', 'result', 'edit'].map((name) => `${dir}/${name}${suffix(scheme)}.png`);
  await shoot(harness, popup, files[0]!);
  await popup.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForStatus(popup, 'Saved');
  const edit = popup.getByRole('button', { name: 'Edit' });
  await edit.waitFor();
  await shoot(harness, popup, files[1]!);
  await edit.click();
  await popup.getByRole('form', { name: 'Edit saved capture' }).waitFor();
  await shoot(harness, popup, files[2]!);
  await popup.close();
  return files;
}

/** Tags completing from History: "arch" offers the tag saved earlier, chosen by keyboard. */
export async function tagsScene(harness: Harness, servers: Servers, file: string): Promise<void> {
  const { tabId } = await openTestPage(harness, servers.pages, '/page/tags.html');
  const popup = await harness.popupPageFor(tabId);
  const tags = popup.getByRole('textbox', { name: 'Tags' });
  await tags.click();
  await tags.pressSequentially('arch');
  await popup.getByRole('listbox', { name: 'Matching tags' }).waitFor();
  await popup.keyboard.press('ArrowDown');
  await shoot(harness, popup, file);
  await popup.close();
}

export async function qrScene(harness: Harness, servers: Servers, file: string): Promise<void> {
  const { tabId } = await openTestPage(harness, servers.pages, '/page/launch-announcement.html');
  const popup = await harness.popupPageFor(tabId);
  await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: NAMES.shortpen });
  await showMoreOptions(popup);
  await popup.getByRole('checkbox', { name: 'QR code' }).check();
  await popup.getByRole('button', { name: 'Save' }).click();
  await waitForStatus(popup, 'Saved');
  await popup.getByRole('img', { name: 'QR code' }).waitFor();
  await shoot(harness, popup, file);
  await popup.close();
}

interface Seed {
  title: string;
  url: string;
  destination: keyof typeof NAMES;
  tags?: string[];
}

async function enqueue(harness: Harness, ids: Record<string, string>, seeds: Seed[]): Promise<void> {
  const inputs = seeds.map((seed) => ({
    page: { url: seed.url, title: seed.title },
    source: 'popup',
    destinationId: ids[NAMES[seed.destination]],
    tags: seed.tags ?? [],
  }));
  const worker = await harness.worker();
  await worker.evaluate((list) => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.enqueueMany(list), inputs);
}

/** The outbox records' states, read from the extension's IndexedDB (the same database the History tab reads). */
async function statuses(harness: Harness): Promise<string[]> {
  return harness.evalInExtension(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('keeplink-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => {
            resolve((all.result as { status: string }[]).map((record) => record.status));
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/**
 * History with captures in four states. Enqueued oldest first, so the newest (shown on top, the list scrolls)
 * are delivered, queued (server down) and failed (rejected); the paused one (key revoked) is further down.
 */
export async function historyScene(harness: Harness, servers: Servers, files: Record<Scheme, string>): Promise<void> {
  const sandbox = sandboxApi(servers.sandbox);
  const ids = await harness.evalInExtension(async () => {
    const { destinations } = await chrome.storage.local.get('destinations');
    return Object.fromEntries((destinations as { id: string; name: string }[]).map((d) => [d.name, d.id]));
  });
  await sandbox.revoke('userplane', 'API_KEY_EXPIRED');
  await sandbox.fault({ provider: 'poozle', mode: 'status', status: 400, message: 'category MARKETING is not an integration type' });
  await sandbox.fault({ provider: 'sharely', mode: 'down' });
  const seeds: [Seed, string][] = [
    [{ title: 'Customer onboarding walkthrough', url: 'https://app.example.com/onboarding', destination: 'userplane' }, 'paused'],
    [{ title: 'Marketing calendar sync', url: 'https://integrations.example.com/marketing-calendar', destination: 'poozle' }, 'failed'],
    [{ title: 'Designing an offline outbox', url: 'https://docs.example.com/guides/offline-outbox', destination: 'sharely', tags: ['architecture'] }, 'queued'],
    [{ title: 'Release notes 2.4', url: 'https://blog.example.com/release-notes-2-4', destination: 'shortpen', tags: ['release'] }, 'synced'],
  ];
  for (const [seed, status] of seeds) {
    const before = (await statuses(harness)).filter((s) => s === status).length;
    await enqueue(harness, ids, [seed]);
    await waitFor(`"${seed.title}" to be ${status}`, async () => (await statuses(harness)).filter((s) => s === status).length > before, 15_000);
  }

  const { tabId } = await openTestPage(harness, servers.pages, '/page/history.html');
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await harness.popupPageFor(tabId);
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByRole('tab', { name: 'History' }).click();
    await popup.getByRole('textbox', { name: 'Search' }).waitFor();
    await popup.getByText('Failed —').first().waitFor();
    await shoot(harness, popup, files[scheme]);
    await popup.close();
  }
  await sandbox.reset();
}
