// The options page's per-destination actions in real Chromium: Check connection, Send test link, Make default, Remove.
import { describe, expect, it } from 'vitest';
import type { ChromeApi } from './harness/launch';
import { addDestination, sandboxApi, sandboxForm, useExtension, waitFor } from './support';

declare const chrome: ChromeApi;

describe('options: checks and destination actions', () => {
  const env = useExtension();

  it('checks the connection without creating anything, and sends one test link after confirming', async () => {
    const sandbox = sandboxApi(env.servers.sandbox);
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'shortpen', 'Links', sandboxForm(env.servers.sandbox, 'shortpen'));
    await addDestination(options, 'sharely', 'Wiki', sandboxForm(env.servers.sandbox, 'sharely'));
    const links = options.getByRole('listitem', { name: 'Links' });

    await links.getByRole('button', { name: 'Check connection' }).click();
    await links.getByText('Connection OK', { exact: false }).waitFor();
    expect(await sandbox.requests()).toEqual([]);

    // Declining the confirmation sends nothing; accepting sends exactly one (so one request in all, not two).
    const declined = new Promise<void>((resolve) => options.once('dialog', (dialog) => void dialog.dismiss().then(resolve)));
    await links.getByRole('button', { name: 'Send test link' }).click();
    await declined;
    options.once('dialog', (dialog) => void dialog.accept());
    await links.getByRole('button', { name: 'Send test link' }).click();
    await links.getByText('Test link created', { exact: false }).waitFor();
    const sent = await sandbox.requests('shortpen');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.valid).toBe(true);

    // Make default, then remove (nothing pending: no question asked).
    await options.getByRole('listitem', { name: 'Wiki' }).getByRole('button', { name: 'Make default' }).click();
    await waitFor('Wiki to become the default', async () => {
      const prefs = await env.harness.evalInExtension(async () => (await chrome.storage.local.get('preferences')).preferences as { defaultDestinationId?: string });
      const stored = await env.harness.evalInExtension(async () => (await chrome.storage.local.get('destinations')).destinations as { id: string; name: string }[]);
      return prefs.defaultDestinationId === stored.find((d) => d.name === 'Wiki')?.id;
    });
    await links.getByRole('button', { name: 'Remove' }).click();
    await options.getByRole('listitem', { name: 'Links' }).waitFor({ state: 'detached' });
    const names = await env.harness.evalInExtension(async () => ((await chrome.storage.local.get('destinations')).destinations as { name: string }[]).map((d) => d.name));
    expect(names).toEqual(['Wiki']);
  });
});
