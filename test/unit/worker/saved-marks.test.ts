// The toolbar's "already saved" mark: which tabs get it, from the outbox's index (fake IndexedDB), on delivery and on load.
import { describe, expect, it, vi } from 'vitest';
import type { Capture } from '../../../lib/capture';
import type { Outbox } from '../../../lib/outbox/outbox';
import { normalizeUrl } from '../../../lib/outbox/normalize-url';
import { createSavedMarks, type MarkTab } from '../../../lib/worker/saved-marks';
import { settleAs } from '../components/record-states';
import { makeCapture, must, T0, testOutbox } from '../outbox/fixtures';

async function deliver(outbox: Outbox, capture: Capture) {
  const { record } = must(await outbox.enqueue(capture));
  await settleAs(outbox, record, 'synced', { now: T0 });
  return record.id;
}

function marks(outbox: Outbox, tabs: MarkTab[] = []) {
  const show = vi.fn<(tabId: number, saved: boolean) => Promise<void>>(async () => undefined);
  return { show, marks: createSavedMarks({ findSavedPage: (page, match) => outbox.findSavedPage(page, match), get: (id) => outbox.get(id), tabs: async () => tabs, show }) };
}

describe('findSavedPage', () => {
  it('finds a delivered capture of the page for any destination through the dup index, never a queued one', async () => {
    const { outbox } = testOutbox();
    must(await outbox.enqueue(makeCapture({ url: 'https://example.com/queued', destinationId: 'dest-a' })));
    await deliver(outbox, makeCapture({ url: 'https://example.com/post?utm_source=x', destinationId: 'dest-b' }));
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const storeScan = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    expect(await outbox.findSavedPage(normalizeUrl('https://example.com/post/#top'), { incognito: false })).toMatchObject({ status: 'synced', destinationId: 'dest-b' });
    expect(await outbox.findSavedPage(normalizeUrl('https://example.com/queued'), { incognito: false })).toBeUndefined();
    expect(await outbox.findSavedPage(normalizeUrl('https://example.com/post/more'), { incognito: false })).toBeUndefined();
    expect(getAll.mock.contexts.every((index) => (index as IDBIndex).name === 'dup')).toBe(true);
    expect(getAll).toHaveBeenCalledTimes(3);
    expect(storeScan).not.toHaveBeenCalled();
    expect(storeGetAll).not.toHaveBeenCalled();
  });

  it('counts an incognito capture only for an incognito tab', async () => {
    const { outbox } = testOutbox();
    await deliver(outbox, { ...makeCapture({ url: 'https://example.com/private' }), incognito: true });
    expect(await outbox.findSavedPage('https://example.com/private', { incognito: false })).toBeUndefined();
    expect(await outbox.findSavedPage('https://example.com/private', { incognito: true })).toMatchObject({ status: 'synced' });
  });
});

describe('the already-saved mark', () => {
  it('marks, on delivery, each tab showing that page (fragment, trailing slash and tracking ignored), and no other', async () => {
    const { outbox } = testOutbox();
    const tabs: MarkTab[] = [
      { id: 1, url: 'https://example.com/post/#comments' },
      { id: 2, url: 'https://example.com/post?utm_medium=mail' },
      { id: 3, url: 'https://example.com/other' },
      { id: 4 },
      { id: 5, url: 'https://example.com/post', incognito: true },
    ];
    const { show, marks: mark } = marks(outbox, tabs);
    const queued = must(await outbox.enqueue(makeCapture({ url: 'https://example.com/later' }))).record.id;
    await mark.markDelivered([queued]);
    expect(show).not.toHaveBeenCalled();
    await mark.markDelivered([await deliver(outbox, makeCapture({ url: 'https://example.com/post' }))]);
    expect(show.mock.calls).toEqual([
      [1, true],
      [2, true],
      [5, true],
    ]);
  });

  it('an incognito delivery marks no normal tab', async () => {
    const { outbox } = testOutbox();
    const { show, marks: mark } = marks(outbox, [{ id: 1, url: 'https://example.com/private' }, { id: 2, url: 'https://example.com/private', incognito: true }]);
    await mark.markDelivered([await deliver(outbox, { ...makeCapture({ url: 'https://example.com/private' }), incognito: true })]);
    expect(show.mock.calls).toEqual([[2, true]]);
  });

  it('a loaded tab is marked when its page is saved and cleared when not; browser pages and hidden URLs are left alone', async () => {
    const { outbox } = testOutbox();
    await deliver(outbox, makeCapture({ url: 'https://example.com/post' }));
    const { show, marks: mark } = marks(outbox);
    await mark.markTab({ id: 7, url: 'https://example.com/post/' });
    await mark.markTab({ id: 8, url: 'https://example.com/new' });
    await mark.markTab({ id: 9, url: 'chrome://newtab/' });
    await mark.markTab({ id: 10 });
    expect(show.mock.calls).toEqual([
      [7, true],
      [8, false],
    ]);
  });

  it('a tab closed before its mark is set does not keep the others unmarked', async () => {
    const { outbox } = testOutbox();
    const { show, marks: mark } = marks(outbox, [{ id: 1, url: 'https://example.com/post' }, { id: 2, url: 'https://example.com/post' }]);
    show.mockRejectedValueOnce(new Error('No tab with id: 1.'));
    await mark.markDelivered([await deliver(outbox, makeCapture({ url: 'https://example.com/post' }))]);
    expect(show.mock.calls).toEqual([
      [1, true],
      [2, true],
    ]);
  });
});
