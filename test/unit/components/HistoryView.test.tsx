// @vitest-environment happy-dom
// The History view on the real outbox: empty states, filters, per-item actions with undo, copy, edit and export.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { HISTORY_LIMIT } from '../../../lib/history';
import { makeCapture, must, T0 } from '../outbox/fixtures';
import { button, DESTINATIONS, findItem, historyHarness } from './history-harness';
import { en, enStart } from './locale';

afterEach(cleanup);

const listed = () =>
  screen.queryAllByRole('listitem').map((item) => {
    const id = item.getAttribute('aria-labelledby')!;
    return item.ownerDocument.getElementById(id)!.textContent;
  });

describe('empty states', () => {
  it('explains that nothing was saved yet, and offers to add a destination when there is none', async () => {
    const h = historyHarness();
    h.show({ destinations: [] });
    expect(await screen.findByText(en('historyEmpty'))).toBeTruthy();
    expect(screen.queryByRole('listitem')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add a destination' }));
    expect(h.onOpenOptions).toHaveBeenCalledOnce();
    // The controls are there from the start, labelled.
    expect(screen.getByRole('textbox', { name: 'Search' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Destination' })).toBeTruthy();
  });

  it('says when no capture matches the filters, and clears them on request', async () => {
    const h = historyHarness();
    await h.add({ title: 'Soup recipe' });
    h.show();
    await findItem('Soup recipe');
    fireEvent.input(screen.getByRole('textbox', { name: 'Search' }), { target: { value: 'nothing like it' } });
    expect(await screen.findByText(en('historyNoMatch'))).toBeTruthy();
    expect(screen.queryByText(en('historyEmpty'))).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await findItem('Soup recipe');
    expect((screen.getByRole('textbox', { name: 'Search' }) as HTMLInputElement).value).toBe('');
  });
});

describe('the list', () => {
  it('shows each capture newest first, with its URL, destination, date and status with the reason', async () => {
    const h = historyHarness();
    await h.add({ title: 'Oldest', state: 'synced', result: { id: 'k-1' } });
    await h.add({ title: 'Middle', destinationId: 'dest-b', state: 'failed' });
    await h.add({ title: '', url: 'https://example.com/untitled' });
    h.show();
    await findItem('https://example.com/untitled');
    expect(listed()).toEqual(['https://example.com/untitled', 'Middle', 'Oldest']);

    const failed = await findItem('Middle');
    expect(within(failed).getByRole('link', { name: /^https:\/\/example\.com\/page\// })).toBeTruthy();
    expect(within(failed).getByText(/Short links ·/)).toBeTruthy();
    expect(within(failed).getByText(en('statusFailed', { reason: `${en('errorUnprocessable', { dest: 'ShortPen', code: ' (422)' })} ${en('errorServerSaid', { dest: 'ShortPen', message: 'title is not allowed' })}` }))).toBeTruthy();
    expect(within(failed).getByText((_, node) => node?.tagName === 'TIME' && node.getAttribute('datetime') === '2026-11-21T12:02:00.000Z')).toBeTruthy();
    expect(within(await findItem('Oldest')).getByText(en('statusSavedResult', { dest: 'Team wiki', noun: en('resultNounSharely'), result: 'k-1' }))).toBeTruthy();
    expect(screen.getByText(en('historyCount', { count: 3 }))).toBeTruthy();
  });

  it('offers each action only where it applies', async () => {
    const h = historyHarness();
    await h.add({ title: 'Queued one' });
    await h.add({ title: 'Failed one', state: 'failed' });
    await h.add({ title: 'Paused one', destinationId: 'dest-b', state: 'paused' });
    await h.add({ title: 'Saved with link', state: 'synced', result: { link: 'https://s.example/x' } });
    await h.add({ title: 'Saved without result', state: 'synced' });
    h.show();
    const names = async (title: string) => within(await findItem(title)).getAllByRole('button').map((b) => b.textContent);
    expect(await names('Queued one')).toEqual(['Retry', 'Delete']);
    expect(await names('Failed one')).toEqual(['Retry', 'Edit', 'Delete']);
    expect(await names('Paused one')).toEqual(['Retry', 'Open options', 'Delete']);
    expect(await names('Saved with link')).toEqual(['Edit', 'Copy result', 'Delete']);
    expect(await names('Saved without result')).toEqual(['Edit', 'Delete']);
  });

  it('stays live: a capture saved elsewhere appears, and status changes show', async () => {
    const h = historyHarness();
    h.show();
    await screen.findByText(en('historyEmpty'));
    await h.add({ title: 'Saved meanwhile' });
    const item = await findItem('Saved meanwhile');
    must(await h.outbox.claimDue({ now: h.clock.now(), limit: 1, leaseMs: 60_000 }));
    await waitFor(() => expect(within(item).getByText(/sending now/)).toBeTruthy());
    expect(within(item).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('lists the newest few hundred and says so when there are more', async () => {
    const h = historyHarness();
    const captures = Array.from({ length: HISTORY_LIMIT + 1 }, (_, i) => ({ ...makeCapture({ title: `Page ${i}` }), createdAt: T0 + i }));
    must(await h.outbox.enqueueMany(captures));
    h.show();
    await findItem(`Page ${HISTORY_LIMIT}`);
    expect(screen.getAllByRole('listitem')).toHaveLength(HISTORY_LIMIT);
    expect(screen.queryByRole('listitem', { name: 'Page 0' })).toBeNull();
    expect(screen.getByText(en('historyCapped', { limit: HISTORY_LIMIT }))).toBeTruthy();
  });

  it('does not claim a cap it did not reach', async () => {
    const h = historyHarness();
    await h.add({ title: 'One' });
    h.show();
    await findItem('One');
    expect(screen.queryByText(enStart('historyCapped'))).toBeNull();
  });
});

describe('filters', () => {
  it('filter by search (title or URL), status and destination', async () => {
    const h = historyHarness();
    await h.add({ title: 'Soup recipe', url: 'https://cook.example.com/soup', state: 'failed' });
    await h.add({ title: 'Team news', destinationId: 'dest-b', state: 'synced', result: { id: '1' } });
    await h.add({ title: 'Weather', url: 'https://NEWS.example.org/weather' });
    h.show();
    await findItem('Weather');

    const search = screen.getByRole('textbox', { name: 'Search' });
    fireEvent.input(search, { target: { value: 'NEWS' } });
    await waitFor(() => expect(listed()).toEqual(['Weather', 'Team news']));
    fireEvent.input(search, { target: { value: 'cook.example' } });
    await waitFor(() => expect(listed()).toEqual(['Soup recipe']));
    fireEvent.input(search, { target: { value: '' } });

    const status = screen.getByRole('combobox', { name: 'Status' });
    expect(within(status).getAllByRole('option').map((o) => o.textContent)).toEqual(['All', 'Queued', 'Sending', 'Saved', 'Paused', 'Failed']);
    fireEvent.change(status, { target: { value: 'synced' } });
    await waitFor(() => expect(listed()).toEqual(['Team news']));
    fireEvent.change(status, { target: { value: 'all' } });

    const destination = screen.getByRole('combobox', { name: 'Destination' });
    expect(within(destination).getAllByRole('option').map((o) => o.textContent)).toEqual(['All', 'Team wiki', 'Short links']);
    fireEvent.change(destination, { target: { value: 'dest-a' } });
    await waitFor(() => expect(listed()).toEqual(['Weather', 'Soup recipe']));
    expect(screen.getByText(en('historyCountFiltered', { shown: 2, total: 3 }))).toBeTruthy();
  });
});

describe('Retry', () => {
  it('queues a failed capture again, due now, and asks the background to flush', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Failed one', state: 'failed' });
    h.show();
    fireEvent.click(button(await findItem('Failed one'), 'Retry'));
    await waitFor(async () => expect(await h.outbox.get(id)).toMatchObject({ status: 'queued', nextAttemptAt: h.clock.now() }));
    expect(h.flush).toHaveBeenCalled();
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Failed one' })).getByText(/^Queued —/)).toBeTruthy());
  });

  it('sends a queued capture now instead of after its backoff', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Waiting one' });
    const [claimed] = must(await h.outbox.claimDue({ now: h.clock.now(), limit: 1, leaseMs: 60_000 }));
    const network = keeplinkError('network', { retryable: true });
    must(await h.outbox.markRetry(id, claimed!.leaseToken!, { error: network, nextAttemptAt: h.clock.now() + 3_600_000, retrySpentMs: 0 }));
    h.clock.advance(5_000);
    h.show();
    const item = await findItem('Waiting one');
    expect(within(item).getByText(/^Queued — will sync when Team wiki is reachable again\./)).toBeTruthy();
    fireEvent.click(button(item, 'Retry'));
    await waitFor(async () => expect((await h.outbox.get(id))?.nextAttemptAt).toBe(h.clock.now()));
    expect(h.flush).toHaveBeenCalled();
  });

  it('resumes a paused destination with all its captures', async () => {
    const h = historyHarness();
    const first = await h.add({ title: 'Paused one', destinationId: 'dest-b', state: 'paused' });
    const second = await h.add({ title: 'Queued behind it', destinationId: 'dest-b' });
    const other = await h.add({ title: 'Elsewhere' });
    // A new capture for a paused destination waits as paused too.
    expect((await h.outbox.get(second))?.status).toBe('paused');
    h.show();
    fireEvent.click(button(await findItem('Paused one'), 'Retry'));
    await waitFor(async () => expect((await h.outbox.get(first))?.status).toBe('queued'));
    expect((await h.outbox.get(second))?.status).toBe('queued');
    expect((await h.outbox.get(other))?.status).toBe('queued');
    expect(await h.outbox.listPauses()).toEqual([]);
  });
});

describe('Delete and Undo', () => {
  it('deletes, then Undo restores the capture as it was', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Failed one', state: 'failed' });
    await h.add({ title: 'Keeper' });
    const before = await h.outbox.get(id);
    h.show();
    fireEvent.click(button(await findItem('Failed one'), 'Delete'));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Failed one' })).toBeNull());
    expect(await h.outbox.get(id)).toBeUndefined();
    expect(screen.getByText(en('historyDeletedOne', { title: 'Failed one' }))).toBeTruthy();
    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitFor(() => expect(document.activeElement).toBe(undo));

    fireEvent.click(undo);
    await findItem('Failed one');
    expect(await h.outbox.get(id)).toEqual(before);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.getByText(en('historyRestoredOne', { title: 'Failed one' }))).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listitem', { name: 'Failed one' })));
  });

  it('Undo restores the capture as it was when deleted, not as the list last showed it', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Moving target' });
    h.show();
    const item = await findItem('Moving target');
    // The worker claims it; the Delete click races the list's refresh.
    const [claimed] = must(await h.outbox.claimDue({ now: h.clock.now(), limit: 1, leaseMs: 60_000 }));
    fireEvent.click(button(item, 'Delete'));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await findItem('Moving target');
    expect(await h.outbox.get(id)).toEqual(claimed);
  });

  it('Undo brings back every capture deleted in the window', async () => {
    const h = historyHarness();
    const a = await h.add({ title: 'First' });
    const b = await h.add({ title: 'Second', state: 'synced' });
    h.show();
    fireEvent.click(button(await findItem('First'), 'Delete'));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'First' })).toBeNull());
    fireEvent.click(button(await findItem('Second'), 'Delete'));
    expect(await screen.findByText(en('historyDeletedMany', { count: 2 }))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await findItem('First');
    await findItem('Second');
    expect((await h.outbox.get(a))?.status).toBe('queued');
    expect((await h.outbox.get(b))?.status).toBe('synced');
  });

  it('the Undo offer ends after its window, and the deletion stays', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Gone for good' });
    h.show({ undoMs: 50 });
    fireEvent.click(button(await findItem('Gone for good'), 'Delete'));
    await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
    expect(await h.outbox.get(id)).toBeUndefined();
    expect(await screen.findByText(en('historyEmpty'))).toBeTruthy();
  });
});

describe('Copy result', () => {
  it('copies the result link, else the id, and confirms', async () => {
    const h = historyHarness();
    await h.add({ title: 'Short', destinationId: 'dest-b', state: 'synced', result: { link: 'https://s.example/abc', id: '9' } });
    await h.add({ title: 'Knowledge', state: 'synced', result: { id: 'k-42' } });
    h.show();
    const short = await findItem('Short');
    fireEvent.click(button(short, 'Copy result'));
    await waitFor(() => expect(h.copy).toHaveBeenCalledWith('https://s.example/abc'));
    expect(await within(short).findByText(en('historyCopied'))).toBeTruthy();
    fireEvent.click(button(await findItem('Knowledge'), 'Copy result'));
    await waitFor(() => expect(h.copy).toHaveBeenLastCalledWith('k-42'));
  });

  it('says so when the clipboard refuses', async () => {
    const h = historyHarness();
    h.copy.mockRejectedValueOnce(new Error('denied'));
    await h.add({ title: 'Short', state: 'synced', result: { id: '1' } });
    h.show();
    const item = await findItem('Short');
    fireEvent.click(button(item, 'Copy result'));
    expect(await screen.findByText(en('historyCopyFailed'))).toBeTruthy();
    expect(within(item).queryByText(en('historyCopied'))).toBeNull();
  });
});

describe('Edit', () => {
  it('edits a failed capture in place and sends it again', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Too long title', state: 'failed' });
    h.show();
    fireEvent.click(button(await findItem('Too long title'), 'Edit'));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    fireEvent.input(title, { target: { value: 'Short title' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'why it matters' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Tags' }), { target: { value: 'a, b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));

    await findItem('Short title');
    const record = await h.outbox.get(id);
    expect(record).toMatchObject({ status: 'queued', nextAttemptAt: h.clock.now(), attempts: 0 });
    expect(record?.capture).toMatchObject({ id, page: { title: 'Short title' }, note: 'why it matters', tags: ['a', 'b'] });
    expect(h.flush).toHaveBeenCalled();
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
  });

  it('shows a value over the destination’s limit at its field and keeps the capture failed', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Short link', destinationId: 'dest-b', state: 'failed' });
    h.show();
    fireEvent.click(button(await findItem('Short link'), 'Edit'));
    const note = await screen.findByRole('textbox', { name: 'Note' });
    fireEvent.input(note, { target: { value: 'n'.repeat(301) } });
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(en('errorFieldTooLong', { field: en('fieldNote'), dest: 'Short links', length: 301, max: 300 }), { exact: false })).toBeTruthy();
    expect((await h.outbox.get(id))?.status).toBe('failed');
    expect(h.flush).not.toHaveBeenCalled();
  });

  it('moves a capture whose destination was removed to one chosen by the user', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Orphan', destinationId: 'dest-gone', state: 'failed' });
    h.show();
    const item = await findItem('Orphan');
    expect(within(item).getByText(enStart('historyRemovedDestination'))).toBeTruthy();
    fireEvent.click(button(item, 'Edit'));
    fireEvent.click(await screen.findByRole('button', { name: 'Resend' }));
    expect(await screen.findByText(/no longer exists/)).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Send to' }), { target: { value: 'dest-a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    await waitFor(async () => expect(await h.outbox.get(id)).toMatchObject({ status: 'queued', destinationId: 'dest-a' }));
  });

  it('Escape cancels the edit without closing the popup, and changes nothing', async () => {
    const h = historyHarness();
    const id = await h.add({ title: 'Keep me', state: 'failed' });
    const before = await h.outbox.get(id);
    h.show();
    fireEvent.click(button(await findItem('Keep me'), 'Edit'));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: 'Changed' } });
    let escaped = false;
    document.addEventListener('keydown', () => (escaped = true), { once: true });
    fireEvent.keyDown(title, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull());
    expect(escaped).toBe(false);
    expect(await h.outbox.get(id)).toEqual(before);
  });
});

describe('export', () => {
  it('downloads the filtered list as CSV and as JSON', async () => {
    const h = historyHarness();
    await h.add({ title: '=HYPERLINK("http://evil.example")', state: 'failed' });
    await h.add({ title: 'Other', destinationId: 'dest-b', state: 'synced', result: { link: 'https://s.example/1' } });
    h.show();
    await findItem('Other');
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-a' } });
    await waitFor(() => expect(listed()).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const [name, type, csv] = h.download.mock.calls[0]!;
    expect(name).toMatch(/^keeplink-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(type).toBe('text/csv;charset=utf-8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^created_at,status,destination,title,url,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`failed,Team wiki,"'=HYPERLINK(""http://evil.example"")"`);

    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    const [jsonName, jsonType, json] = h.download.mock.calls[1]!;
    expect(jsonName).toMatch(/\.json$/);
    expect(jsonType).toBe('application/json');
    const parsed = JSON.parse(json) as { records: { status: string; destinationName: string }[] };
    expect(parsed.records).toEqual([expect.objectContaining({ status: 'failed', destinationName: 'Team wiki' })]);
    expect(json).not.toContain(DESTINATIONS[0]!.apiKey);
  });
});
