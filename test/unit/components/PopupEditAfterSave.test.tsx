// @vitest-environment happy-dom
// Edit after saving from the popup's result line, on the production popup services and the real outbox.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { destinations as fixtures } from '../../contracts/fixtures';
import { en } from './locale';
import { DESTINATIONS, PAGE_TITLE, showPopup, textbox } from './popup-harness';

afterEach(cleanup);

const LINKS = { ...fixtures.linkding, id: 'dest-l', name: 'My links' };

async function saveDelivered(h: Awaited<ReturnType<typeof showPopup>>, result: { id?: string; link?: string }) {
  fireEvent.keyDown(textbox('Title'), { key: 'Enter' });
  await waitFor(() => expect(h.watch).toHaveBeenCalled());
  expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  await h.settle('synced', { result });
}

async function edit(fill: { note?: string; tags?: string }) {
  fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
  const form = await screen.findByRole('form', { name: en('editSavedLabel') });
  const note = within(form).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
  const tags = within(form).getByRole('textbox', { name: 'Tags' }) as HTMLInputElement;
  const before = { note: note.value, tags: tags.value };
  if (fill.note !== undefined) fireEvent.input(note, { target: { value: fill.note } });
  if (fill.tags !== undefined) fireEvent.input(tags, { target: { value: fill.tags } });
  fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
  return before;
}

describe('Edit on the popup’s result line', () => {
  it('linkding: opens with the saved note and tags, queues one linked edit, says so, and follows it to delivery', async () => {
    const h = await showPopup({ destinations: [...DESTINATIONS, LINKS], initial: { destinationId: 'dest-l', note: 'first', tags: 'news' } });
    await saveDelivered(h, { id: '7' });
    const original = h.savedId();
    expect(await edit({ note: 'second', tags: 'news, later' })).toEqual({ note: 'first', tags: 'news' });

    expect(await screen.findByText(en('editSentUpdate', { service: 'linkding' }))).toBeTruthy();
    expect(screen.queryByRole('form', { name: en('editSavedLabel') })).toBeNull();
    await waitFor(() => expect(h.savedId()).not.toBe(original));
    const editRecord = await h.outbox.get(h.savedId());
    expect(editRecord).toMatchObject({ editOf: original, status: 'queued', capture: { page: { title: PAGE_TITLE }, note: 'second', tags: ['news', 'later'] } });
    expect(h.requestFlush).toHaveBeenCalledTimes(2);
    await h.settle('synced', { result: { id: '7', existing: 'updated' } });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusAlreadyUpdated', { service: 'linkding' })));
  });

  it('ShortPen: says it cannot change a saved link and that a new one was saved', async () => {
    const h = await showPopup({ initial: { destinationId: 'dest-b' } });
    await saveDelivered(h, { link: 'https://go.shortpen.com/a' });
    await edit({ note: 'better' });
    expect(await screen.findByText("ShortPen can't change a saved link — saved a new one")).toBeTruthy();
    expect((await h.outbox.list({ limit: 10 })).map((record) => record.capture.note).sort()).toEqual(['better', undefined]);
  });

  it('Cancel goes back to the form and queues nothing', async () => {
    const h = await showPopup({ initial: { destinationId: 'dest-b' } });
    await saveDelivered(h, { link: 'https://go.shortpen.com/b' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: en('editSavedLabel') });
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: en('editSavedLabel') })).toBeNull();
    expect(textbox('Title')).toBeTruthy();
    expect(await h.outbox.list({ limit: 10 })).toHaveLength(1);
  });
});
