// Export and import of settings through the real options page: keys only when asked, an import previewed before it applies.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ChromeApi } from './harness/launch';
import { addDestination, sandboxForm, useExtension, waitFor } from './support';

declare const chrome: ChromeApi;

describe('settings export and import', () => {
  const env = useExtension();

  it('exports without keys unless asked, and an import is previewed, then applied', async () => {
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'sharely', 'Exported KB', sandboxForm(env.servers.sandbox, 'sharely'));

    const [plain] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    const exported = JSON.parse(await readFile((await plain.path())!, 'utf8')) as { keysIncluded: boolean; destinations: { name: string; apiKey: string }[] };
    expect(exported.keysIncluded).toBe(false);
    expect(exported.destinations.map((d) => [d.name, d.apiKey])).toEqual([['Exported KB', '']]);

    await options.getByRole('checkbox', { name: 'Include API keys' }).check();
    const [withKeys] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    const full = JSON.parse(await readFile((await withKeys.path())!, 'utf8')) as { destinations: { apiKey: string }[] };
    expect(full.destinations[0]?.apiKey).toMatch(/^sk_/);

    // A bad file changes nothing and says why.
    const [badChooser] = await Promise.all([options.waitForEvent('filechooser'), options.getByRole('button', { name: 'Import settings' }).click()]);
    await badChooser.setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
    await options.getByText('not JSON', { exact: false }).waitFor();

    // A good file (renamed destination) is previewed first, and applied only on confirmation.
    const renamed = { ...exported, destinations: exported.destinations.map((d) => ({ ...d, name: 'Imported KB' })) };
    const [chooser] = await Promise.all([options.waitForEvent('filechooser'), options.getByRole('button', { name: 'Import settings' }).click()]);
    await chooser.setFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
    const preview = options.getByRole('group', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Imported KB');
    expect(await env.harness.evalInExtension(async () => ((await chrome.storage.local.get('destinations')).destinations as { name: string }[])[0]?.name)).toBe('Exported KB');
    await preview.getByRole('button', { name: 'Apply import' }).click();
    await options.getByRole('listitem', { name: 'Imported KB' }).waitFor();
    // The file had no key: the key this browser already had is kept.
    const stored = await waitFor('the import to be stored', () =>
      env.harness.evalInExtension(async () => ((await chrome.storage.local.get('destinations')).destinations as { name: string; apiKey: string }[])[0]),
    );
    expect(stored).toMatchObject({ name: 'Imported KB' });
    expect(stored.apiKey).toMatch(/^sk_/);
  });
});
