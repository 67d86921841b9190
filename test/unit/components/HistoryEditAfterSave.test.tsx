// @vitest-environment happy-dom
// Edit after saving in History, on the production services and the real outbox: Note, Tags, "Save changes", "Cancel",
// what each service can do with the edit, and the new record linked to the delivered one.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { destinations as fixtures } from '../../contracts/fixtures';
import { button, DESTINATIONS, findItem, historyHarness } from './history-harness';
import { en } from './locale';

afterEach(cleanup);

const LINKS = { ...fixtures.linkding, id: 'dest-l', name: 'My links' };
const KEEP = { ...fixtures.karakeep, id: 'dest-k', name: 'Keep' };
const ALL = [...DESTINATIONS, LINKS, KEEP];

async function openEdit(title: string) {
  fireEvent.click(button(await findItem(title), 'Edit'));
  const form = await screen.findByRole('form', { name: en('editSavedLabel') });
  return {
    form,
    note: within(form).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement,
    tags: within(form).getByRole('textbox', { name: 'Tags' }) as HTMLInputElement,
  };
}

describe('Edit on a delivered capture', () => {
  it('linkding: Save changes queues one edit linked to the original, says the service updates it, and History lists it', async () => {
    const h = historyHarness();
    const original = await h.add({ title: 'Article', destinationId: 'dest-l', state: 'synced', result: { id: '42' }, note: 'first thought', tags: ['news'] });
    h.show({ destinations: ALL });
    const { form, note, tags } = await openEdit('Article');
    expect(note.value).toBe('first thought');
    expect(tags.value).toBe('news');
    expect(within(form).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    fireEvent.input(note, { target: { value: 'second thought' } });
    fireEvent.input(tags, { target: { value: 'news, later' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText(en('editSentUpdate', { service: 'linkding' }))).toBeTruthy();
    const records = await h.outbox.list({ limit: 10 });
    expect(records).toHaveLength(2);
    const edit = records.find((record) => record.id !== original)!;
    expect(edit).toMatchObject({ status: 'queued', editOf: original, destinationId: 'dest-l', capture: { note: 'second thought', tags: ['news', 'later'] } });
    expect(records.find((record) => record.id === original)).toMatchObject({ status: 'synced', capture: { note: 'first thought' } });
    expect(h.flush).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.getAllByRole('listitem', { name: 'Article' })).toHaveLength(2));
    const [newest] = screen.getAllByRole('listitem', { name: 'Article' });
    const originalTime = new Date(records.find((record) => record.id === original)!.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(within(newest!).getByText(en('historyEditOf', { date: originalTime }))).toBeTruthy();
    expect(screen.queryByRole('form', { name: en('editSavedLabel') })).toBeNull();
  });

  it('ShortPen: the edit is a new capture, and the popup says the service cannot change a saved link', async () => {
    const h = historyHarness();
    await h.add({ title: 'Short one', destinationId: 'dest-b', state: 'synced', result: { link: 'https://s.example/x' } });
    h.show();
    const { form, note } = await openEdit('Short one');
    fireEvent.input(note, { target: { value: 'added later' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(en('editNewCapture', { service: 'ShortPen' }))).toBeTruthy();
    expect(en('editNewCapture', { service: 'ShortPen' })).toBe("ShortPen can't change a saved link — saved a new one");
    expect((await h.outbox.list({ limit: 10 })).filter((record) => record.editOf !== undefined)).toHaveLength(1);
  });

  it('Karakeep: a tag change alone is refused honestly and nothing is queued', async () => {
    const h = historyHarness();
    await h.add({ title: 'Kept one', destinationId: 'dest-k', state: 'synced', result: { id: 'k1' }, tags: ['a'] });
    h.show({ destinations: ALL });
    const { form, tags } = await openEdit('Kept one');
    fireEvent.input(tags, { target: { value: 'b' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(`${en('editCannotTags', { service: 'Karakeep' })} ${en('editNothingSent')}`)).toBeTruthy();
    expect(await h.outbox.list({ limit: 10 })).toHaveLength(1);
    expect(h.flush).not.toHaveBeenCalled();
  });

  it('Cancel closes the form and queues nothing; a value over the service’s limit is shown at its field', async () => {
    const h = historyHarness();
    await h.add({ title: 'Short two', destinationId: 'dest-b', state: 'synced' });
    h.show();
    let opened = await openEdit('Short two');
    fireEvent.input(opened.note, { target: { value: 'x'.repeat(301) } });
    fireEvent.click(within(opened.form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(opened.note.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.click(within(opened.form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: en('editSavedLabel') })).toBeNull();
    opened = await openEdit('Short two');
    expect(opened.note.value).toBe('');
    expect(await h.outbox.list({ limit: 10 })).toHaveLength(1);
  });
});
