// Settings that stop validating (an older version's rules, a hand edit) pause their captures with the field to
// fix; Options lists and opens the entry, and the fix delivers what waited. Nothing is failed or dropped.
import { describe, expect, it } from 'vitest';
import type { ChromeApi } from './harness/launch';
import { addDestination, sandboxApi, sandboxForm, useExtension, waitFor } from './support';

declare const chrome: ChromeApi;

describe('invalid stored settings', () => {
  const env = useExtension();

  it('pause with "Fix the Workspace ID in Options", stay editable, and deliver once fixed', async () => {
    const { harness, servers } = env;
    const sandbox = sandboxApi(servers.sandbox);
    const options = await harness.openExtensionPage('options.html');
    const form = sandboxForm(servers.sandbox, 'sharely');
    await addDestination(options, 'sharely', 'Wiki', form);

    // Queued while the service is down.
    await sandbox.fault({ provider: 'sharely', mode: 'down' });
    const page = await harness.context.newPage();
    await page.goto(`${servers.pages.url}/page/invalid-settings.html`);
    const popup = await harness.popupPageFor(await harness.tabIdOf(page));
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitFor('Queued status', async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Queued'));
    await popup.close();

    // The stored entry stops validating; the service comes back.
    await harness.evalInExtension(async () => {
      const { destinations } = (await chrome.storage.local.get('destinations')) as { destinations: Record<string, unknown>[] };
      await chrome.storage.local.set({ destinations: destinations.map((d) => ({ ...d, workspaceId: 'not-a-workspace' })) });
    });
    await sandbox.clearFaults();

    const item = options.getByRole('listitem', { name: 'Wiki' });
    await item.getByText('Fix the Workspace ID in Options.', { exact: false }).waitFor();
    const record = await waitFor('the capture to pause', async () => {
      const status = await harness.evalInExtension(
        () =>
          new Promise<string | undefined>((resolve) => {
            const open = indexedDB.open('keeplink-outbox');
            open.onsuccess = () => {
              const all = open.result.transaction('records').objectStore('records').getAll();
              all.onsuccess = () => resolve((all.result as { status: string }[])[0]?.status);
            };
          }),
      );
      return status === 'paused' && status;
    });
    expect(record).toBe('paused');
    expect((await sandbox.requests('sharely')).filter((r) => r.createdId)).toEqual([]);

    await item.getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('textbox', { name: 'Workspace ID', exact: true }).fill(form['Workspace ID']!);
    await options.getByRole('button', { name: 'Save destination' }).click();
    const created = await waitFor('the fixed destination to deliver', async () => {
      const list = (await sandbox.requests('sharely')).filter((r) => r.createdId);
      return list.length > 0 && list;
    });
    expect(created).toHaveLength(1);
    expect(created[0]!.valid).toBe(true);
    expect(created[0]!.body).toMatchObject({ url: `${servers.pages.url}/page/invalid-settings.html` });
    await page.close();
  });
});
