// @vitest-environment happy-dom
// The saved destinations on the options page: actions per item, permission and pause notices, and removal that never loses captures.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { destinationsItem, preferencesItem } from '../../../lib/platform/storage';
import { successBodies } from '../../contracts/fixtures';
import { en } from './locale';
import { showOptions, stored, type Seed } from './options-harness';
import { badKey } from './record-states';

afterEach(cleanup);

const WIKI: Seed = { id: 'd-wiki', name: 'Team wiki', isDefault: true };
const LINKS: Seed = { id: 'd-links', name: 'Short links', provider: 'shortpen' };
const TICKETS: Seed = { id: 'd-tickets', name: 'Tickets', provider: 'poozle' };

const item = (name: string) => screen.findByRole('listitem', { name });
const buttonsOf = (li: HTMLElement) => within(li).getAllByRole('button').map((b) => b.textContent);
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const statusText = () => screen.getByRole('status').textContent;

describe('the list', () => {
  it('explains when there is no destination yet', async () => {
    const h = await showOptions([]);
    expect(await screen.findByText(en('destinationsEmpty'))).toBeTruthy();
    expect(screen.queryByRole('list', { name: en('destinationsLabel') })).toBeNull();
    expect(h.load).toHaveBeenCalledOnce();
  });

  it('shows each destination as a list item named by its name, with its service and its buttons', async () => {
    await showOptions([WIKI, LINKS]);
    const list = await screen.findByRole('list', { name: 'Destinations' });
    expect(within(list).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Team wiki', 'Short links']);
    const links = await item('Short links');
    expect(within(links).getByText('ShortPen')).toBeTruthy();
    expect(buttonsOf(links)).toEqual(['Edit', 'Remove', 'Make default', 'Check connection', 'Send test link']);
    // Nothing to warn about: no notices.
    expect(within(links).queryByText(en('destinationsNeedsPermission'), { exact: false })).toBeNull();
    expect(within(links).queryByText(en('statusPaused', { reason: '' }).trim(), { exact: false })).toBeNull();
    expect(within(links).queryByText(en('destinationsPendingMany', { count: '' }).trim(), { exact: false })).toBeNull();
  });

  it('marks the default, and “Make default” makes another one the default', async () => {
    const h = await showOptions([WIKI, LINKS]);
    const wiki = await item('Team wiki');
    const links = await item('Short links');
    expect(within(wiki).getByText(en('destinationsDefault'))).toBeTruthy();
    expect(within(links).queryByText(en('destinationsDefault'))).toBeNull();
    expect(within(wiki).getByRole('button', { name: 'Make default' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(links).getByRole('button', { name: 'Make default' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(within(links).getByRole('button', { name: 'Make default' }));
    expect(h.makeDefault).toHaveBeenCalledExactlyOnceWith('d-links');
    // Stored, and the list follows the stored preference.
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Short links' })).queryByText(en('destinationsDefault'))).toBeTruthy());
    expect(within(screen.getByRole('listitem', { name: 'Team wiki' })).queryByText(en('destinationsDefault'))).toBeNull();
    expect(await preferencesItem.getValue()).toMatchObject({ defaultDestinationId: 'd-links' });
  });

  it('follows changes: it reloads whenever the stored destinations change', async () => {
    const h = await showOptions([WIKI]);
    await item('Team wiki');
    await destinationsItem.setValue([stored(WIKI), stored(LINKS)]);
    expect(await item('Short links')).toBeTruthy();
    expect(h.load).toHaveBeenCalledTimes(2);
  });
});

describe('notices', () => {
  it('says a destination needs permission, and Grant permission asks inside the click', async () => {
    const h = await showOptions([{ id: 'd-1', name: 'Local wiki', needsPermission: true, pending: 2 }]);
    const local = await item('Local wiki');
    expect(within(local).getByText(en('destinationsNeedsPermission'), { exact: false })).toBeTruthy();
    expect(within(local).getByText(en('destinationsPendingMany', { count: 2 }))).toBeTruthy();
    fireEvent.click(within(local).getByRole('button', { name: 'Grant permission' }));
    // Synchronous: the permission prompt needs the user gesture.
    expect(h.grant).toHaveBeenCalledExactlyOnceWith('d-1');
    expect(h.fakes.requestPermission).toHaveBeenCalledExactlyOnceWith('https://api.sharely.ai');

    h.grantAll();
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Local wiki' })).queryByText(en('destinationsNeedsPermission'), { exact: false })).toBeNull());
    expect(screen.queryByRole('button', { name: 'Grant permission' })).toBeNull();
  });

  it('says why a destination is paused, and Retry resumes it', async () => {
    const h = await showOptions([{ ...WIKI, pending: 1, paused: badKey }, LINKS]);
    const wiki = await item('Team wiki');
    const reason = en('errorAuthInvalid', { dest: 'Sharely', code: ' (401)' });
    expect(within(wiki).getByText(en('statusPaused', { reason }), { exact: false })).toBeTruthy();
    expect(within(wiki).getByText(en('destinationsPendingOne', { count: 1 }))).toBeTruthy();
    expect(within(await item('Short links')).queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(wiki).getByRole('button', { name: 'Retry' }));
    expect(h.retry).toHaveBeenCalledExactlyOnceWith('d-wiki');
    // The outbox resumed it for real, and the worker was asked to flush.
    await waitFor(() => expect(h.fakes.requestFlush).toHaveBeenCalledOnce());
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Team wiki' })).queryByRole('button', { name: 'Retry' })).toBeNull());
  });

  it('shows what Check connection and Send test link found, at that destination', async () => {
    const h = await showOptions([WIKI, LINKS]);
    h.fakes.fetch.mockResolvedValue(json({ success: true }));
    const links = await item('Short links');
    fireEvent.click(within(links).getByRole('button', { name: 'Check connection' }));
    expect(within(links).getByText(en('optionsChecking'))).toBeTruthy();
    const ok = en('checkOk', { origin: 'https://api.shortpen.com', status: 200 });
    expect(await within(links).findByText(ok)).toBeTruthy();
    expect(h.checkConnection).toHaveBeenCalledExactlyOnceWith('d-links');
    expect(h.fakes.fetch.mock.calls.every(([url]) => url.startsWith('https://api.shortpen.com/'))).toBe(true);
    expect(within(await item('Team wiki')).queryByText(ok)).toBeNull();

    h.fakes.fetch.mockResolvedValue(json(successBodies.shortpen));
    fireEvent.click(within(links).getByRole('button', { name: 'Send test link' }));
    const created = en('testLinkCreatedResult', { result: successBodies.shortpen.data.link });
    expect(await within(links).findByText(created)).toBeTruthy();
    expect(h.confirm).toHaveBeenCalledExactlyOnceWith(en('optionsConfirmTestLink', { name: 'Short links' }));

    // Declined at the confirmation: nothing is sent, the last result stays, nothing new is claimed.
    const sent = h.fakes.fetch.mock.calls.length;
    h.confirm.mockReturnValueOnce(false);
    fireEvent.click(within(links).getByRole('button', { name: 'Send test link' }));
    await waitFor(() => expect(h.sendTestLink).toHaveBeenCalledTimes(2));
    expect(await h.sendTestLink.mock.results[1]!.value).toBeUndefined();
    expect(h.fakes.fetch).toHaveBeenCalledTimes(sent);
    expect(within(links).getByText(created)).toBeTruthy();
  });
});

describe('Edit', () => {
  it('opens the form for that destination', async () => {
    const h = await showOptions([WIKI]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(h.formFor).toHaveBeenCalledExactlyOnceWith('d-wiki');
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Team wiki');
  });
});

describe('Remove', () => {
  it('removes a destination with nothing waiting at once, and says so', async () => {
    const h = await showOptions([WIKI, LINKS]);
    fireEvent.click(within(await item('Short links')).getByRole('button', { name: 'Remove' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-links', { deleteCaptures: true });
    await waitFor(() => expect(statusText()).toBe(en('optionsRemoved', { name: 'Short links' })));
    expect(await destinationsItem.getValue()).toEqual([stored(WIKI)]);
  });

  it('asks first when captures still wait, and can move them to another destination', async () => {
    const h = await showOptions([{ ...WIKI, pending: 3 }, LINKS, TICKETS]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: en('removeDialogLabel', { name: 'Team wiki' }) });
    expect(h.remove).not.toHaveBeenCalled();
    expect(within(dialog).getByText(en('removePendingMany', { count: 3, name: 'Team wiki' }))).toBeTruthy();
    const target = within(dialog).getByRole('combobox', { name: 'Move captures to' }) as HTMLSelectElement;
    expect(within(target).getAllByRole('option').map((o) => o.textContent)).toEqual(['Short links', 'Tickets']);
    expect(buttonsOf(dialog)).toEqual(['Move and remove', 'Delete captures and remove', 'Cancel']);

    fireEvent.change(target, { target: { value: 'd-tickets' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { moveTo: 'd-tickets' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(statusText()).toBe(en('optionsRemoved', { name: 'Team wiki' })));
    // Nothing lost: the three captures now wait for Tickets.
    expect(await h.outbox.countUndelivered('d-tickets')).toBe(3);
    expect(await h.outbox.countUndelivered('d-wiki')).toBe(0);
  });

  it('moves to the first other destination when the user does not choose', async () => {
    const h = await showOptions([LINKS, { ...WIKI, pending: 2 }, TICKETS]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { moveTo: 'd-links' });
    await waitFor(() => expect(statusText()).toBe(en('optionsRemoved', { name: 'Team wiki' })));
    expect(await h.outbox.countUndelivered('d-links')).toBe(2);
  });

  it('can delete the waiting captures instead, by a button that says so', async () => {
    const h = await showOptions([{ ...WIKI, pending: 3 }, LINKS]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete captures and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { deleteCaptures: true });
    await waitFor(() => expect(statusText()).toBe(en('optionsRemoved', { name: 'Team wiki' })));
    expect(await h.outbox.countUndelivered('d-wiki')).toBe(0);
    expect(await destinationsItem.getValue()).toEqual([stored(LINKS)]);
  });

  it('Cancel keeps the destination and its captures', async () => {
    const h = await showOptions([{ ...WIKI, pending: 3 }, LINKS]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.remove).not.toHaveBeenCalled();
    expect(statusText()).toBe('');
    expect(await item('Team wiki')).toBeTruthy();
    expect(await h.outbox.countUndelivered('d-wiki')).toBe(3);
  });

  it('with no other destination, offers only deleting', async () => {
    const h = await showOptions([{ ...WIKI, pending: 1 }]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: en('removeDialogLabel', { name: 'Team wiki' }) });
    expect(within(dialog).getByText(en('removePendingOnlyOne', { count: 1, name: 'Team wiki' }))).toBeTruthy();
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    expect(buttonsOf(dialog)).toEqual(['Delete captures and remove', 'Cancel']);
    expect(h.remove).not.toHaveBeenCalled();
  });

  it('does not offer moving in words when there is nowhere to move', async () => {
    await showOptions([{ ...WIKI, pending: 1 }]);
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    expect(within(screen.getByRole('dialog')).queryByText(en('removePendingOne', { count: 1, name: 'Team wiki' }))).toBeNull();
  });
});
