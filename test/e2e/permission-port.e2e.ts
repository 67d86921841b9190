// A grant for one port only (not "every port") is enough: Keeplink asks for and checks its destination's exact origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Harness } from './harness/launch';
import { addDestination, openTestPage, sandboxApi, sandboxForm, startServers, waitForStatus } from './support';

describe('host permission for one port', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;

  beforeAll(async () => {
    servers = await startServers();
    // The test pages' port too, so the popup can read the page's URL and title.
    harness = await launchExtension({ grantOrigins: [`${servers.sandbox.url}/*`, `${servers.pages.url}/*`] });
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  it('shows no permission warning and delivers', async () => {
    const options = await harness.openExtensionPage('options.html');
    await addDestination(options, 'sharely', 'Port KB', sandboxForm(servers.sandbox, 'sharely'));
    const item = options.getByRole('listitem', { name: 'Port KB' });
    await item.getByRole('button', { name: 'Edit' }).waitFor();
    expect(await item.getByText('Needs permission').count()).toBe(0);

    const { tabId, url } = await openTestPage(harness, servers.pages, '/page/port.html');
    const popup = await harness.popupPageFor(tabId);
    await popup.getByRole('button', { name: 'Save' }).click();
    expect(await waitForStatus(popup, 'Saved')).toContain('Saved');
    const requests = await sandboxApi(servers.sandbox).requests('sharely');
    expect(requests.map((r) => r.body.url)).toEqual([url]);
  });
});
