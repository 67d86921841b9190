// Issue 13's team rollout in real Chromium: an organization's policy presets destinations, one locked with its key,
// one locked with the key left to the user; Options marks and locks them, and the popup delivers to them.
//
// How the policy reaches Chromium: on Linux, Chromium reads every /etc/chromium/policies/managed/*.json at startup, and
// a file's {"3rdparty": {"extensions": {"<extension id>": {...}}}} becomes that extension's storage.managed (checked
// against the manifest's storage.managed_schema). Writing there needs root, which CI runs as. That directory is shared
// by every Chromium on the machine, so the file names only this test's extension id: the built extension is copied to a
// fresh temporary folder, whose absolute path gives an id no other run loads (an unpacked extension's id is the first
// 32 hex digits of the SHA-256 of its path, each mapped 0-f → a-p; the test checks it against the id the harness reads
// from the service worker URL). The file is written before launch (policies are read at startup) and removed after
// all tests, also when they fail.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_KEYS, sandboxBaseUrls } from '../sandbox/server';
import { compileContract } from '../contracts/schemas';
import { resolveExtensionDir } from './harness/extension-dir';
import { launchExtension, type ChromeApi, type Harness } from './harness/launch';
import { sandboxApi, startServers, waitFor } from './support';

declare const chrome: ChromeApi;

const POLICY_DIR = '/etc/chromium/policies/managed';
const SET_BY_ORG = 'Set by your organization';

/** The id Chromium gives an unpacked extension loaded from `path`. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

describe('a managed policy in Chromium', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let sandbox: ReturnType<typeof sandboxApi>;
  let harness: Harness;
  let extensionDir = '';
  let policyFile = '';
  let options: Page;
  const cleanUp = () => {
    if (policyFile) rmSync(policyFile, { force: true });
  };

  beforeAll(async () => {
    servers = await startServers();
    sandbox = sandboxApi(servers.sandbox);
    extensionDir = await mkdtemp(join(tmpdir(), 'keeplink-policy-ext-'));
    await cp(resolveExtensionDir(), extensionDir, { recursive: true });
    const id = unpackedExtensionId(extensionDir);
    const urls = sandboxBaseUrls(servers.sandbox.url);
    const policy = {
      destinations: [
        { id: 'team-links', locked: true, provider: 'linkding', name: 'Team links', baseUrl: urls.linkding, apiKey: SANDBOX_KEYS.linkding },
        { id: 'own-bookmarks', locked: true, provider: 'karakeep', name: 'Team bookmarks', baseUrl: urls.karakeep, apiKey: '' },
      ],
      preferences: { stripTracking: true },
      allowedServices: ['linkding', 'karakeep'],
    };
    await mkdir(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `keeplink-e2e-${id}.json`);
    // A crash between here and afterAll must not leave the file behind.
    process.once('exit', cleanUp);
    await writeFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
    harness = await launchExtension({ extensionDir, grantOrigins: ['http://127.0.0.1/*'] });
    expect(harness.extensionId).toBe(id);
    options = await harness.openExtensionPage('options.html');
  });

  afterAll(async () => {
    cleanUp();
    process.removeListener('exit', cleanUp);
    await harness?.close();
    await servers?.close();
    if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
  });

  async function saveFromPopup(destination: string, slug: string) {
    const page = await harness.context.newPage();
    const url = `${servers.pages.url}/page/${slug}.html`;
    await page.goto(url);
    const popup = await harness.popupPageFor(await harness.tabIdOf(page));
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitFor(`${destination} to say Saved`, async () => ((await popup.getByRole('status').textContent()) ?? '').startsWith('Saved'));
    await popup.close();
    await page.close();
    return url;
  }

  it('reads the policy: storage.managed holds it, and Options lists its destinations marked, with no Remove', async () => {
    const managed = await harness.evalInExtension(() => chrome.storage.managed.get());
    expect(managed).toMatchObject({ allowedServices: ['linkding', 'karakeep'] });
    const item = options.getByRole('listitem', { name: 'Team links' });
    await item.waitFor();
    await expect(item.getByText(SET_BY_ORG).count()).resolves.toBe(1);
    await expect(item.getByRole('button', { name: 'Remove' }).count()).resolves.toBe(0);
    await expect(options.getByRole('listitem', { name: 'Team bookmarks' }).getByText(SET_BY_ORG).count()).resolves.toBe(1);
    // The policy's preference is in force and cannot be changed here.
    const strip = options.getByRole('checkbox', { name: /^Remove tracking parameters/ });
    await expect(strip.isChecked()).resolves.toBe(true);
    await expect(strip.isDisabled()).resolves.toBe(true);
  });

  it('opens a locked destination read-only: no field can be edited and its key cannot be replaced', async () => {
    await options.getByRole('listitem', { name: 'Team links' }).getByRole('button', { name: 'Edit' }).click();
    const form = options.getByRole('form', { name: 'Edit destination' });
    await form.waitFor();
    await expect(form.getByText('Set by your organization. These settings are read-only.').count()).resolves.toBe(1);
    await expect(form.getByRole('textbox', { name: 'Name', exact: true }).isEditable()).resolves.toBe(false);
    await expect(form.getByRole('textbox', { name: 'API base URL', exact: true }).isEditable()).resolves.toBe(false);
    await expect(form.getByRole('button', { name: 'Replace key' }).count()).resolves.toBe(0);
    await expect(form.getByRole('textbox', { name: 'API key' }).count()).resolves.toBe(0);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a save from the popup delivers to the locked destination: one contract-valid request with the policy key', async () => {
    await sandbox.reset();
    const url = await saveFromPopup('Team links', 'managed-linkding');
    const requests = await sandbox.requests('linkding');
    expect(requests).toHaveLength(1);
    const validate = compileContract('linkding', 'request');
    expect(validate(requests[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(requests[0]!.valid).toBe(true);
    expect(JSON.stringify(requests[0]!.body)).toContain(url);
  });

  it('asks for the key the admin left to the user; once filled in, the popup delivers to that destination', async () => {
    await sandbox.reset();
    const item = options.getByRole('listitem', { name: 'Team bookmarks' });
    await waitFor('the missing key to be named', async () => (await item.textContent())?.includes('API key'));
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = options.getByRole('form', { name: 'Edit destination' });
    await form.waitFor();
    await expect(form.getByRole('textbox', { name: 'Name', exact: true }).isEditable()).resolves.toBe(false);
    const key = form.getByRole('textbox', { name: 'API key', exact: true });
    await expect(key.isEditable()).resolves.toBe(true);
    await key.fill(SANDBOX_KEYS.karakeep);
    await form.getByRole('button', { name: 'Save destination' }).click();
    await form.waitFor({ state: 'detached' });
    // Kept in storage.local like any key, bound to the origin it was entered for.
    const kept = await harness.evalInExtension(() => chrome.storage.local.get('managedLocal'));
    expect(kept).toEqual({ managedLocal: { 'managed-own-bookmarks': { apiKey: SANDBOX_KEYS.karakeep, keyOrigin: new URL(sandboxBaseUrls(servers.sandbox.url).karakeep).origin } } });

    const url = await saveFromPopup('Team bookmarks', 'managed-karakeep');
    const requests = await sandbox.requests('karakeep');
    expect(requests).toHaveLength(1);
    const validate = compileContract('karakeep', 'request');
    expect(validate(requests[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(requests[0]!.valid).toBe(true);
    expect(JSON.stringify(requests[0]!.body)).toContain(url);
  });
});
