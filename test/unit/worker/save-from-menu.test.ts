import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../../lib/outbox/outbox';
import type { Destination } from '../../../lib/providers';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../lib/settings';
import { saveFromMenu } from '../../../lib/worker/save-from-menu';
import { destinations as fixtures } from '../../contracts/fixtures';

function setup(list: Destination[] = [fixtures.sharely, fixtures.shortpen], defaultId = fixtures.shortpen.id, prefs: Partial<Preferences> = {}) {
  const outbox = createOutbox();
  const requestFlush = vi.fn();
  const readLinkText = vi.fn(async () => 'Text of the link');
  const readSelection = vi.fn(async (): Promise<unknown> => 'Selected by a script\u202E');
  const preferences = { ...DEFAULT_PREFERENCES, defaultDestinationId: defaultId, ...prefs };
  const deps = { loadSettings: async () => ({ destinations: list, preferences }), readLinkText, readSelection, outbox, requestFlush, words: { imageTitle: (title: string) => `Image from ${title}` } };
  return { outbox, requestFlush, readLinkText, readSelection, deps };
}

const tab = { id: 7, url: 'https://site.test/page', title: 'Page' };

describe('saveFromMenu', () => {
  it('queues the link target for the default destination, reading the link text from the page, then asks for a flush', async () => {
    const { deps, outbox, requestFlush, readLinkText } = setup();
    const saved = await saveFromMenu({ menuItemId: 'keeplink-link', linkUrl: 'https://o.test/t', pageUrl: tab.url, frameId: 3 }, tab, deps);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(readLinkText).toHaveBeenCalledWith(7, 3, 'https://o.test/t');
    const record = await outbox.get(saved.value.record.id);
    expect(record).toMatchObject({ status: 'queued', destinationId: fixtures.shortpen.id, capture: { page: { url: 'https://o.test/t', title: 'Text of the link' } } });
    expect(requestFlush).toHaveBeenCalledOnce();
  });

  it('never scripts a non-web frame for the link text: a link in a moz-extension page keeps its URL as title', async () => {
    const { deps, outbox, readLinkText } = setup();
    const click = { menuItemId: 'keeplink-link', linkUrl: 'https://o.test/t', pageUrl: 'moz-extension://abc/options.html', frameUrl: 'moz-extension://abc/options.html', frameId: 0 };
    const saved = await saveFromMenu(click, { ...tab, url: click.pageUrl }, deps);
    expect(readLinkText).not.toHaveBeenCalled();
    if (!saved.ok) throw new Error(saved.error.code);
    expect((await outbox.get(saved.value.record.id))?.capture.page).toMatchObject({ url: 'https://o.test/t', title: 'https://o.test/t' });
  });

  it('uses the destination of the submenu item', async () => {
    const { deps } = setup();
    const saved = await saveFromMenu({ menuItemId: `keeplink-page:${fixtures.sharely.id}`, pageUrl: tab.url }, tab, deps);
    expect(saved.ok && saved.value.destination.id).toBe(fixtures.sharely.id);
  });

  it('says so when there is no destination, and queues nothing', async () => {
    const { deps, outbox, requestFlush } = setup([]);
    const saved = await saveFromMenu({ menuItemId: 'keeplink-page', pageUrl: tab.url }, tab, deps);
    expect(!saved.ok && saved.error.code).toBe('destination-missing');
    expect(await outbox.countUndelivered()).toBe(0);
    expect(requestFlush).not.toHaveBeenCalled();
  });

  it('does not queue the same page twice while it waits', async () => {
    const { deps, outbox } = setup();
    await saveFromMenu({ menuItemId: 'keeplink-page', pageUrl: tab.url }, tab, deps);
    const second = await saveFromMenu({ menuItemId: 'keeplink-page', pageUrl: `${tab.url}#frag` }, tab, deps);
    expect(second.ok && second.value.duplicateOf).toBe(true);
    expect(await outbox.countUndelivered()).toBe(1);
  });

  it('a page save sends no selection unless the user turned on including it (nothing is shown before it goes)', async () => {
    const off = setup();
    const saved = await saveFromMenu({ menuItemId: 'keeplink-page', pageUrl: tab.url }, tab, off.deps);
    expect(off.readSelection).not.toHaveBeenCalled();
    const record = saved.ok ? await off.outbox.get(saved.value.record.id) : undefined;
    expect(record?.capture.page).toEqual({ url: tab.url, title: tab.title });
    expect(record?.capture).not.toHaveProperty('note');
    expect(DEFAULT_PREFERENCES.includeSelection).toBe(false);
  });

  it('with "include selected text" on, a page save carries the cleaned selection, quoted in the note', async () => {
    const on = setup(undefined, undefined, { includeSelection: true });
    const saved = await saveFromMenu({ menuItemId: 'keeplink-page', pageUrl: tab.url }, tab, on.deps);
    expect(on.readSelection).toHaveBeenCalledWith(7, tab.url);
    const record = saved.ok ? await on.outbox.get(saved.value.record.id) : undefined;
    expect(record?.capture).toMatchObject({ page: { url: tab.url, selection: 'Selected by a script' }, note: '> Selected by a script' });
  });
});
