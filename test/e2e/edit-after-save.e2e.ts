// Issue 12, edit after saving, in real Chromium against the sandbox: a linkding edit updates the same bookmark with one
// contract-valid request; a ShortPen edit is a new capture (a new link), and the popup says the service cannot change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../lib/providers/types';
import { compileContract, describeErrors } from '../contracts/schemas';
import type { Harness } from './harness/launch';
import { launchWithDestinations, openTestPage, sandboxApi, startServers, waitFor, waitForStatus } from './support';

describe('edit after saving', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;

  beforeAll(async () => {
    ({ servers, sandbox, harness } = await launchWithDestinations(['linkding', 'Bookmarks'], ['shortpen', 'Short links'], ['karakeep', 'Keep']));
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  const delivered = (provider: ProviderId, count: number) =>
    waitFor(`${count} ${provider} request(s) answered`, async () => {
      const sent = await sandbox.requests(provider);
      return sent.length >= count && sent.every((request) => request.status > 0) ? sent : undefined;
    });

  /** Saves the page from the popup to `destination` and waits until the popup says Saved; returns the page's URL and title. */
  async function save(destination: string, slug: string, fill: { note: string; tags: string }): Promise<{ url: string; title: string }> {
    const { page, tabId, url } = await openTestPage(harness, servers.pages, `/page/${slug}.html`);
    const title = await page.title();
    const popup = await harness.popupPageFor(tabId);
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
    await popup.getByRole('textbox', { name: 'Note' }).fill(fill.note);
    await popup.getByRole('textbox', { name: 'Tags' }).fill(fill.tags);
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    await popup.close();
    await page.close();
    return { url, title };
  }

  /** Opens History in a popup, edits the newest row named `title`, and returns the popup with the sentence it showed. */
  async function editInHistory(title: string, fill: { note: string; tags: string }, expected: string) {
    const popup = await harness.openExtensionPage('popup.html');
    await popup.getByRole('tab', { name: 'History' }).click();
    const row = popup.getByRole('listitem', { name: title }).first();
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = popup.getByRole('form', { name: 'Edit saved capture' });
    await form.getByRole('textbox', { name: 'Note' }).fill(fill.note);
    await form.getByRole('textbox', { name: 'Tags' }).fill(fill.tags);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await popup.getByText(expected, { exact: true }).waitFor();
    return popup;
  }

  it('linkding: one contract-valid request updates the same bookmark, and History says so', async () => {
    await sandbox.reset();
    const { url, title } = await save('Bookmarks', 'edit-linkding', { note: 'first thought', tags: 'news' });
    const [created] = await delivered('linkding', 1);

    const popup = await editInHistory(title, { note: 'second thought', tags: 'news, later' }, 'Sending the changes to linkding, which updates the saved link.');
    const sent = await delivered('linkding', 2);
    expect(sent).toHaveLength(2);
    const validate = compileContract('linkding', 'request');
    expect(validate(sent[1]!.body), describeErrors(validate).join('; ')).toBe(true);
    expect(sent[1]).toMatchObject({ valid: true, status: 201, createdId: created!.createdId });
    expect(sent[1]!.body).toMatchObject({ url, title, notes: 'second thought', tag_names: ['news', 'later'] });

    const edit = popup.getByRole('listitem', { name: title }).first();
    await edit.getByText('Already in linkding — updated its tags and note').waitFor();
    await expect(edit.getByText(/^Edit of the capture from /).count()).resolves.toBe(1);
    await expect(popup.getByRole('listitem', { name: title }).count()).resolves.toBe(2);
    await popup.close();
  });

  it('popup: Edit on the result line sends one contract-valid update of the same linkding bookmark, the popup says so, and the edit form fits 600 px', async () => {
    await sandbox.reset();
    const { page, tabId, url } = await openTestPage(harness, servers.pages, '/page/edit-popup.html');
    const popup = await harness.popupPageFor(tabId);
    await popup.getByRole('combobox', { name: 'Destination' }).selectOption({ label: 'Bookmarks' });
    await popup.getByRole('textbox', { name: 'Note' }).fill('from the popup');
    await popup.getByRole('textbox', { name: 'Tags' }).fill('one');
    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(popup, 'Saved');
    const [created] = await delivered('linkding', 1);

    await popup.getByRole('button', { name: 'Edit' }).click();
    const form = popup.getByRole('form', { name: 'Edit saved capture' });
    await expect(form.getByRole('textbox', { name: 'Note' }).inputValue()).resolves.toBe('from the popup');
    for (const width of [340, 400]) {
      await popup.setViewportSize({ width, height: 100 });
      const size = await popup.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
      expect(size.height, `edit form at ${width} px`).toBeLessThanOrEqual(600);
      expect(size.width).toBeLessThanOrEqual(width);
    }
    await form.getByRole('textbox', { name: 'Note' }).fill('changed in the popup');
    await form.getByRole('textbox', { name: 'Tags' }).fill('one, two');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await popup.getByText('Sending the changes to linkding, which updates the saved link.', { exact: true }).waitFor();

    const sent = await delivered('linkding', 2);
    expect(sent).toHaveLength(2);
    const validate = compileContract('linkding', 'request');
    expect(validate(sent[1]!.body), describeErrors(validate).join('; ')).toBe(true);
    expect(sent[1]).toMatchObject({ valid: true, status: 201, createdId: created!.createdId });
    expect(sent[1]!.body).toMatchObject({ url, notes: 'changed in the popup', tag_names: ['one', 'two'] });
    await waitForStatus(popup, 'Already in linkding — updated its tags and note');
    await popup.close();
    await page.close();
  });

  it('Karakeep: the new note goes to the same bookmark, the tag change is named as impossible, and History says the note was updated', async () => {
    await sandbox.reset();
    const { url, title } = await save('Keep', 'edit-karakeep', { note: 'first', tags: 'a' });
    const [created] = await delivered('karakeep', 1);
    const popup = await editInHistory(
      title,
      { note: 'second', tags: 'b' },
      "Sending the changes to Karakeep, which updates the saved link. Karakeep can't change the tags of a saved link.",
    );
    const sent = await delivered('karakeep', 2);
    const validate = compileContract('karakeep', 'request');
    expect(validate(sent[1]!.body), describeErrors(validate).join('; ')).toBe(true);
    expect(sent[1]).toMatchObject({ valid: true, status: 200, createdId: created!.createdId });
    expect(sent[1]!.body).toEqual({ type: 'link', url, title, note: 'second', source: 'extension' });
    const edit = popup.getByRole('listitem', { name: title }).first();
    await edit.getByText('Already in Karakeep — updated its note and moved it back to the top; its tags are unchanged').waitFor();
    await popup.close();
  });

  it('ShortPen: the edit is a new capture (a second link), and the popup says ShortPen cannot change a saved link', async () => {
    await sandbox.reset();
    const { url, title } = await save('Short links', 'edit-shortpen', { note: 'first', tags: '' });
    const [created] = await delivered('shortpen', 1);

    const popup = await editInHistory(title, { note: 'a better note', tags: '' }, "ShortPen can't change a saved link — saved a new one");

    const sent = await delivered('shortpen', 2);
    expect(sent).toHaveLength(2);
    const validate = compileContract('shortpen', 'request');
    expect(validate(sent[1]!.body), describeErrors(validate).join('; ')).toBe(true);
    expect(sent[1]).toMatchObject({ valid: true });
    expect(sent[1]!.createdId).not.toBe(created!.createdId);
    expect(sent[1]!.body).toMatchObject({ notes: 'a better note' });
    expect(JSON.stringify(sent[1]!.body)).toContain(new URL(url).pathname);
    await popup.close();
  });
});
