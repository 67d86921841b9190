// Issue 12, tags, by keyboard alone in real Chromium: with "Focus the Tags field first" the popup opens in Tags; typing
// lists the matching tags of earlier captures; ArrowDown/ArrowUp choose, Enter and Tab accept, Escape closes only the
// list; Enter then saves, and the service gets exactly the tags chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromeApi, Harness } from './harness/launch';
import {
  launchWithDestinations,
  destinationIds,
  openTestPage,
  sandboxApi,
  startServers,
  waitFor,
  waitForStatus,
  type KeeplinkTestHooks,
} from './support';

declare const chrome: ChromeApi;

const NAME = 'Knowledge base';

describe('tag autocomplete by keyboard', () => {
  let servers: Awaited<ReturnType<typeof startServers>>;
  let harness: Harness;
  let sandbox: ReturnType<typeof sandboxApi>;

  beforeAll(async () => {
    const started = await launchWithDestinations(['sharely', NAME]);
    ({ servers, sandbox, harness } = started);
    const { options } = started;
    await options.getByRole('checkbox', { name: 'Focus the Tags field first' }).check();
    await waitFor('the preference to be stored', async () => {
      const { preferences } = await harness.evalInExtension(() => chrome.storage.local.get('preferences'));
      return (preferences as { focusTagsFirst?: boolean } | undefined)?.focusTagsFirst === true;
    });
    await options.close();
    // Earlier captures: "reading" is the most used tag, then "research"; "travel" matches nothing typed below.
    const id = (await destinationIds(harness))[NAME];
    const seeds = [['reading', 'research'], ['reading', 'research'], ['reading'], ['travel'], ['to-read']].map((tags, i) => ({
      page: { url: `https://example.com/earlier/${i}`, title: `Earlier ${i}` },
      source: 'popup',
      destinationId: id,
      tags,
    }));
    const worker = await harness.worker();
    await worker.evaluate((list) => (globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks }).__keeplinkTest.enqueueMany(list), seeds);
    await waitFor('the earlier captures to be delivered', async () => (await sandbox.requests('sharely')).filter((r) => r.createdId).length >= seeds.length);
  });

  afterAll(async () => {
    await harness?.close();
    await servers?.close();
  });

  it('chooses and accepts tags with the keys only, then Enter saves exactly those tags', async () => {
    const { tabId, url } = await openTestPage(harness, servers.pages, '/page/tagged.html');
    const popup = await harness.popupPageFor(tabId);
    const tags = popup.getByRole('textbox', { name: 'Tags' });
    const list = popup.getByRole('listbox', { name: 'Matching tags' });
    await popup.getByRole('group', { name: 'Suggested tags' }).waitFor();
    await waitFor('Tags to have the focus', async () => popup.evaluate(() => document.activeElement?.id === 'tags'));

    await popup.keyboard.type('re');
    await list.waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(['reading', 'research', 'to-read']);
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    expect(await list.getByRole('option', { selected: true }).textContent()).toBe('reading');
    const active = await tags.getAttribute('aria-activedescendant');
    expect(await popup.evaluate((id) => document.getElementById(id!)?.textContent, active)).toBe('reading');
    await popup.keyboard.press('Enter');
    expect(await tags.inputValue()).toBe('reading, ');
    await list.waitFor({ state: 'hidden' });

    // The next tag: what the field has is not offered again; Tab accepts.
    await popup.keyboard.type('r');
    expect(await list.getByRole('option').allTextContents()).toEqual(['research', 'to-read', 'travel']);
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Tab');
    expect(await tags.inputValue()).toBe('reading, research, ');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('tags');

    // Escape closes the list and leaves the popup and what was typed alone.
    await popup.keyboard.type('tra');
    await list.waitFor();
    await popup.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(popup.isClosed()).toBe(false);
    expect(await tags.inputValue()).toBe('reading, research, tra');
    for (let i = 0; i < 3; i++) await popup.keyboard.press('Backspace');

    const before = (await sandbox.requests('sharely')).length;
    await popup.keyboard.press('Enter');
    await waitForStatus(popup, 'Saved');
    const sent = (await sandbox.requests('sharely')).slice(before).filter((r) => JSON.stringify(r.body).includes(url));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.valid).toBe(true);
    expect(sent[0]!.body).toMatchObject({ metadata: { tags: ['reading', 'research'] } });
  });
});
