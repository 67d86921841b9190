// The holes a security review reproduced in Chromium, proven closed in the real extension: a settings import
// cannot redirect a stored key to another server, a key a server echoes back is never shown, and the edit form
// never puts a saved key in the page.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_KEYS, sandboxBaseUrls, startSandbox } from '../sandbox/server';
import type { ChromeApi } from './harness/launch';
import { addDestination, openTestPage, sandboxApi, sandboxForm, useExtension, waitFor, type SandboxHandle } from './support';

declare const chrome: ChromeApi;

describe('security', () => {
  const env = useExtension();
  // Same host, another port: another origin, as far as a key is concerned.
  let elsewhere: SandboxHandle;
  beforeAll(async () => {
    elsewhere = await startSandbox({ port: 0, seed: 11 });
  });
  afterAll(() => elsewhere?.close());

  it('an import that points a destination at another origin clears its key, says so, and the key never reaches that origin', async () => {
    const key = SANDBOX_KEYS.sharely;
    const home = sandboxBaseUrls(env.servers.sandbox.url).sharely;
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'sharely', 'Team KB', sandboxForm(env.servers.sandbox, 'sharely'));

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { destinations: { baseUrl: string; apiKey: string }[] };
    expect(exported.destinations.map((d) => [d.baseUrl, d.apiKey])).toEqual([[home, '']]);
    // keysIncluded: true used to hide even the line about keys.
    const redirected = { ...exported, keysIncluded: true, destinations: exported.destinations.map((d) => ({ ...d, baseUrl: sandboxBaseUrls(elsewhere.url).sharely })) };

    const [chooser] = await Promise.all([options.waitForEvent('filechooser'), options.getByRole('button', { name: 'Import settings' }).click()]);
    await chooser.setFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(redirected)) });
    const preview = options.getByRole('group', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.getByRole('listitem').allTextContents()).toEqual([
      `Team KB (Sharely, ${elsewhere.url}) — replaces the current one`,
      `Team KB: server ${env.servers.sandbox.url} → ${elsewhere.url}`,
      'Team KB: the saved API key is cleared, because the service or the server changes. Enter the key again in Options.',
    ]);
    await preview.getByRole('button', { name: 'Apply import' }).click();
    const stored = await waitFor('the import to be stored', async () => {
      const list = await env.harness.evalInExtension(async () => (await chrome.storage.local.get('destinations')).destinations as { baseUrl: string; apiKey: string }[]);
      return list[0]?.baseUrl.startsWith(elsewhere.url) ? list[0] : undefined;
    });
    expect(stored.apiKey).toBe('');

    // A capture now goes to the new origin, without the key.
    const { page, tabId } = await openTestPage(env.harness, env.servers.pages, '/article.html');
    const popup = await env.harness.popupPageFor(tabId);
    await popup.getByRole('button', { name: 'Save' }).click();
    const arrived = await waitFor('the capture to reach the other origin', async () => (elsewhere.state.requests.length > 0 ? elsewhere.state.requests : undefined));
    for (const request of arrived) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(key);
    }
    expect(await sandboxApi(env.servers.sandbox).requests()).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('"Send test link" shows a key the server echoes back masked, and the key is nowhere in the page', async () => {
    const key = SANDBOX_KEYS.shortpen;
    const sandbox = sandboxApi(env.servers.sandbox);
    await sandbox.fault({ provider: 'shortpen', mode: 'status', status: 400, message: 'API key {key} may not create links here', count: 1 });
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'shortpen', 'Echo links', sandboxForm(env.servers.sandbox, 'shortpen'));
    const item = options.getByRole('listitem', { name: 'Echo links' });

    options.once('dialog', (dialog) => void dialog.accept());
    await item.getByRole('button', { name: 'Send test link' }).click();
    await item.getByText('may not create links here', { exact: false }).waitFor();

    // The server really did echo the key it was sent.
    const [sent] = env.servers.sandbox.state.requests.filter((r) => r.provider === 'shortpen');
    expect(sent?.headers.authorization).toBe(`Bearer ${key}`);
    expect(await item.textContent()).toContain('API key *** may not create links here');
    expect(await options.locator('body').innerText()).not.toContain(key);
    expect(await options.content()).not.toContain(key);
    const values = await options.locator('input, textarea').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
    expect(values.filter((value) => value.includes(key))).toEqual([]);
  });

  it('the edit form never puts the saved key in the page; Replace key opens an empty field', async () => {
    const key = SANDBOX_KEYS.userplane;
    const options = await env.harness.openExtensionPage('options.html');
    await addDestination(options, 'userplane', 'Recordings', sandboxForm(env.servers.sandbox, 'userplane'));
    await options.getByRole('listitem', { name: 'Recordings' }).getByRole('button', { name: 'Edit' }).click();
    const form = options.getByRole('form', { name: 'Edit destination' });
    await form.getByRole('button', { name: 'Replace key' }).waitFor();
    const keyInPage = async () =>
      (await options.content()).includes(key) ||
      (await options.locator('input, textarea').evaluateAll((fields, secret) => fields.some((field) => (field as HTMLInputElement).value.includes(secret)), key));
    expect(await keyInPage()).toBe(false);
    expect(await form.getByRole('textbox', { name: 'API key' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Replace key' }).click();
    expect(await form.getByRole('textbox', { name: 'API key' }).inputValue()).toBe('');
    expect(await keyInPage()).toBe(false);
  });
});
