// Issue 13 in real Chromium: each self-hosted bookmark service configured through Options, checked with its key,
// a page saved from the popup, one contract-valid request at the sandbox, the result shown, and its duplicate-URL answer.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../lib/providers/types';
import { compileContract } from '../contracts/schemas';
import { SANDBOX_KEYS } from '../sandbox/server';
import { launchExtension, type Harness } from './harness/launch';
import { sandboxApi, sandboxForm, startServers, waitFor } from './support';

interface Listed {
  body: Record<string, unknown>;
  valid: boolean;
  status: number;
  createdId?: string;
  headers: Record<string, string>;
}

describe('self-hosted bookmark services, each held to its contract', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;
  let options: Page;

  beforeAll(async () => {
    servers = await startServers();
    sandbox = sandboxApi(servers.sandbox);
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
    options = await harness.openExtensionPage('options.html');
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  /** Add destination → service → fields (and checkboxes) → Save, as a person does. */
  async function configure(service: string, provider: ProviderId, name: string, checks: string[] = []) {
    await options.getByRole('button', { name: 'Add destination' }).click();
    await options.getByRole('combobox', { name: 'Service' }).selectOption({ label: service });
    await options.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    for (const [label, value] of Object.entries(sandboxForm(servers.sandbox, provider))) {
      await options.getByRole('textbox', { name: label, exact: true }).fill(value);
    }
    for (const label of checks) await options.getByRole('checkbox', { name: label }).check();
    await options.getByRole('button', { name: 'Save destination' }).click();
    return options.getByRole('listitem', { name });
  }

  async function checkConnection(item: ReturnType<Page['getByRole']>, expected: string): Promise<string> {
    await item.getByRole('button', { name: 'Check connection' }).click();
    await item.getByText(expected, { exact: false }).waitFor();
    return (await item.textContent()) ?? '';
  }

  async function saveFromPopup(destination: string, slug: string, fill: { note?: string; tags?: string } = {}) {
    const page = await harness.context.newPage();
    const url = `${servers.pages.url}/page/${slug}.html`;
    await page.goto(url);
    const popup = await harness.popupPageFor(await harness.tabIdOf(page));
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
    if (fill.note !== undefined) await popup.getByRole('textbox', { name: 'Note' }).fill(fill.note);
    if (fill.tags !== undefined) await popup.getByRole('textbox', { name: 'Tags' }).fill(fill.tags);
    await popup.getByRole('button', { name: 'Save' }).click();
    const status = await waitFor('the popup to say what happened', async () => {
      const text = (await popup.getByRole('status').textContent()) ?? '';
      return /^(Saved|Already in|Paused|Failed)/.test(text) ? text : undefined;
    });
    await popup.close();
    await page.close();
    return { url, status };
  }

  const requests = async (provider: ProviderId) => (await sandbox.requests(provider)) as unknown as Listed[];

  it('linkding: configured in Options, checked with its key, one valid Token-authenticated request, and the bookmark id shown', async () => {
    await sandbox.reset();
    const item = await configure('linkding', 'linkding', 'Bookmarks', ['Mark as unread']);
    await checkConnection(item, 'Connection OK');
    // The check sends the key: a key linkding no longer knows is named as the problem.
    await sandbox.setKey('linkding', 'f'.repeat(40));
    expect(await checkConnection(item, 'The API key is wrong')).toContain('HTTP 401');
    await sandbox.setKey('linkding', SANDBOX_KEYS.linkding);
    expect(await requests('linkding')).toEqual([]);

    const { url, status } = await saveFromPopup('Bookmarks', 'linkding-first', { note: 'read on the train', tags: 'research, to-read' });
    expect(status).toBe('Saved to Bookmarks — bookmark id 1');
    const sent = await requests('linkding');
    expect(sent).toHaveLength(1);
    const validate = compileContract('linkding', 'request');
    expect(validate(sent[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(sent[0]).toMatchObject({ valid: true, status: 201, createdId: '1', headers: { authorization: 'Token ***' } });
    expect(sent[0]!.body).toMatchObject({ url, notes: 'read on the train', tag_names: ['research', 'to-read'], unread: true });
  });

  it('linkding: saving a URL it already has updates that bookmark, and the popup says so', async () => {
    const { url, status } = await saveFromPopup('Bookmarks', 'linkding-first', { note: 'second thoughts', tags: 'keep' });
    expect(status).toBe('Already in linkding — updated its tags and note');
    const sent = await requests('linkding');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ valid: true, status: 201, createdId: '1', body: expect.objectContaining({ url, tag_names: ['keep'] }) });
  });

  it('Karakeep: configured in Options, checked with its key, one valid Bearer request, and the bookmark id shown', async () => {
    await sandbox.reset();
    const item = await configure('Karakeep', 'karakeep', 'Keep');
    await checkConnection(item, 'Connection OK');
    await sandbox.setKey('karakeep', 'ak2_rotated_0000000000_00000000000000000000000000000000');
    expect(await checkConnection(item, 'The API key is wrong')).toContain('HTTP 401');
    await sandbox.setKey('karakeep', SANDBOX_KEYS.karakeep);
    expect(await requests('karakeep')).toEqual([]);

    const { url, status } = await saveFromPopup('Keep', 'karakeep-first', { note: 'for the weekend', tags: 'later' });
    const sent = await requests('karakeep');
    expect(sent).toHaveLength(1);
    expect(status).toBe(`Saved to Keep — bookmark id ${sent[0]!.createdId}`);
    const validate = compileContract('karakeep', 'request');
    expect(validate(sent[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(sent[0]).toMatchObject({ valid: true, status: 201, headers: { authorization: 'Bearer ***' } });
    // The create call has no tags field: the note goes, the tags do not.
    expect(sent[0]!.body).toEqual({ type: 'link', url, title: expect.any(String), note: 'for the weekend', source: 'extension' });
  });

  it('Karakeep: a URL it already has answers 200 alreadyExists, and the popup says it kept the bookmark', async () => {
    const { status } = await saveFromPopup('Keep', 'karakeep-first');
    expect(status).toBe('Already in Karakeep — moved it back to the top; its tags are unchanged');
    const sent = await requests('karakeep');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ valid: true, status: 200, createdId: sent[0]!.createdId });
  });

  it('Linkwarden: configured in Options with a collection, checked with its token, one valid request, and the link id shown', async () => {
    await sandbox.reset();
    const item = await configure('Linkwarden', 'linkwarden', 'Archive');
    await checkConnection(item, 'Connection OK');
    await sandbox.setKey('linkwarden', 'eyJ.rotated');
    expect(await checkConnection(item, 'The API key is wrong')).toContain('HTTP 401');
    await sandbox.setKey('linkwarden', SANDBOX_KEYS.linkwarden);
    expect(await requests('linkwarden')).toEqual([]);

    const { url, status } = await saveFromPopup('Archive', 'linkwarden-first', { note: 'cite this', tags: 'papers, 2026' });
    const sent = await requests('linkwarden');
    expect(sent).toHaveLength(1);
    expect(status).toBe(`Saved to Archive — link id ${sent[0]!.createdId}`);
    const validate = compileContract('linkwarden', 'request');
    expect(validate(sent[0]!.body), JSON.stringify(validate.errors)).toBe(true);
    expect(sent[0]).toMatchObject({ valid: true, status: 200, headers: { authorization: 'Bearer ***' } });
    expect(sent[0]!.body).toMatchObject({ url, description: 'cite this', collection: { id: 3 }, tags: [{ name: 'papers' }, { name: '2026' }] });
  });

  it('Linkwarden preventing duplicates: its 409 is shown as already there, and nothing is sent again', async () => {
    await sandbox.fault({ provider: 'linkwarden', mode: 'status', status: 409, message: 'Link already exists', count: 1 });
    const { status } = await saveFromPopup('Archive', 'linkwarden-first');
    expect(status).toBe('Already in Linkwarden — left as it was (it is set to prevent duplicate links)');
    const sent = await requests('linkwarden');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ valid: true, status: 409 });
  });

  it('Linkwarden: "Choose collection" loads its collections with the saved token only when pressed; the one picked gets the next link', async () => {
    await options.getByRole('listitem', { name: 'Archive' }).getByRole('button', { name: 'Edit' }).click();
    const form = options.getByRole('form', { name: 'Edit destination' });
    // A token the service no longer takes is named, and is not remembered: the next press asks again.
    await sandbox.setKey('linkwarden', 'eyJ.rotated');
    await form.getByRole('button', { name: 'Choose collection' }).click();
    await form.getByText('The API key is wrong', { exact: false }).waitFor();
    await sandbox.setKey('linkwarden', SANDBOX_KEYS.linkwarden);
    await form.getByRole('button', { name: 'Choose collection' }).click();
    const list = form.getByRole('combobox', { name: 'Collection' });
    await list.waitFor();
    expect(await list.locator('option').allTextContents()).toEqual(['None (Unorganized)', 'Reading (id 3)', 'Reading / Papers (id 7)', 'Unorganized (id 1)']);
    await list.selectOption('7');
    expect(await form.getByRole('textbox', { name: 'Collection ID' }).inputValue()).toBe('7');
    await form.getByRole('button', { name: 'Save destination' }).click();
    await form.waitFor({ state: 'detached' });

    const before = (await requests('linkwarden')).length;
    const { url, status } = await saveFromPopup('Archive', 'linkwarden-picked');
    const sent = (await requests('linkwarden')).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ valid: true, status: 200, body: expect.objectContaining({ url, collection: { id: 7 } }) });
    expect(status).toBe(`Saved to Archive — link id ${sent[0]!.createdId}`);
  });
});
