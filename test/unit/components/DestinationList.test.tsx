// @vitest-environment happy-dom
// The saved destinations on the options page: actions per item, permission and pause notices, and removal that never loses captures.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { destinationView, showOptions } from './options-harness';

afterEach(cleanup);

const WIKI = destinationView({ id: 'd-wiki', name: 'Team wiki', isDefault: true });
const LINKS = destinationView({ id: 'd-links', name: 'Short links', provider: 'shortpen' });
const TICKETS = destinationView({ id: 'd-tickets', name: 'Tickets', provider: 'poozle' });

const item = (name: string) => screen.findByRole('listitem', { name });
const buttonsOf = (li: HTMLElement) => within(li).getAllByRole('button').map((b) => b.textContent);

describe('the list', () => {
  it('explains when there is no destination yet', async () => {
    const h = showOptions({ items: [] });
    expect(await screen.findByText('No destinations yet. Add one to choose where your saved pages go.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Destinations' })).toBeNull();
    expect(h.load).toHaveBeenCalledOnce();
  });

  it('shows each destination as a list item named by its name, with its service and its buttons', async () => {
    showOptions({ items: [WIKI, LINKS] });
    const list = await screen.findByRole('list', { name: 'Destinations' });
    expect(within(list).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Team wiki', 'Short links']);
    const links = await item('Short links');
    expect(within(links).getByText('ShortPen')).toBeTruthy();
    expect(buttonsOf(links)).toEqual(['Edit', 'Remove', 'Make default', 'Check connection', 'Send test link']);
    // Nothing to warn about: no notices.
    expect(within(links).queryByText(/Needs permission/)).toBeNull();
    expect(within(links).queryByText(/Paused/)).toBeNull();
    expect(within(links).queryByText(/waiting to be delivered/)).toBeNull();
  });

  it('marks the default, and “Make default” makes another one the default', async () => {
    const h = showOptions({ items: [WIKI, LINKS] });
    const wiki = await item('Team wiki');
    const links = await item('Short links');
    expect(within(wiki).getByText('Default')).toBeTruthy();
    expect(within(links).queryByText('Default')).toBeNull();
    expect(within(wiki).getByRole('button', { name: 'Make default' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(links).getByRole('button', { name: 'Make default' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(within(links).getByRole('button', { name: 'Make default' }));
    expect(h.makeDefault).toHaveBeenCalledExactlyOnceWith('d-links');
  });

  it('follows changes: it reloads whenever the subscription fires', async () => {
    const h = showOptions({ items: [WIKI] });
    await item('Team wiki');
    h.load.mockResolvedValue([WIKI, LINKS]);
    h.changed();
    expect(await item('Short links')).toBeTruthy();
    expect(h.load).toHaveBeenCalledTimes(2);
  });
});

describe('notices', () => {
  it('says a destination needs permission, and Grant permission asks inside the click', async () => {
    const h = showOptions({ items: [destinationView({ id: 'd-1', name: 'Local wiki', needsPermission: true, pending: 2 })] });
    const local = await item('Local wiki');
    expect(within(local).getByText(/^Needs permission: Keeplink may not contact this destination yet, so its captures wait\./)).toBeTruthy();
    expect(within(local).getByText('2 waiting to be delivered')).toBeTruthy();
    fireEvent.click(within(local).getByRole('button', { name: 'Grant permission' }));
    // Synchronous: the permission prompt needs the user gesture.
    expect(h.grant).toHaveBeenCalledExactlyOnceWith('d-1');

    h.load.mockResolvedValue([destinationView({ id: 'd-1', name: 'Local wiki', pending: 2 })]);
    h.changed();
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Local wiki' })).queryByText(/Needs permission/)).toBeNull());
    expect(screen.queryByRole('button', { name: 'Grant permission' })).toBeNull();
  });

  it('says why a destination is paused, and Retry resumes it', async () => {
    const pausedText = 'Team wiki rejected the API key (401). Update it in Keeplink’s options.';
    const h = showOptions({ items: [{ ...WIKI, pausedText, pending: 1 }, LINKS] });
    const wiki = await item('Team wiki');
    expect(within(wiki).getByText(`Paused — ${pausedText}`, { exact: false })).toBeTruthy();
    expect(within(wiki).getByText('1 waiting to be delivered')).toBeTruthy();
    expect(within(await item('Short links')).queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(wiki).getByRole('button', { name: 'Retry' }));
    expect(h.retry).toHaveBeenCalledExactlyOnceWith('d-wiki');
  });

  it('shows what Check connection and Send test link found, at that destination', async () => {
    const h = showOptions({ items: [WIKI, LINKS] });
    h.checkConnection.mockResolvedValue('Connection OK: settings are valid, permission is granted and https://api.shortpen.com answered (HTTP 200).');
    const links = await item('Short links');
    fireEvent.click(within(links).getByRole('button', { name: 'Check connection' }));
    expect(within(links).getByText('Checking…')).toBeTruthy();
    expect(await within(links).findByText(/^Connection OK/)).toBeTruthy();
    expect(h.checkConnection).toHaveBeenCalledExactlyOnceWith('d-links');
    expect(within(await item('Team wiki')).queryByText(/Connection OK/)).toBeNull();

    h.sendTestLink.mockResolvedValueOnce('Test link created: https://go.shortpen.com/abc.');
    fireEvent.click(within(links).getByRole('button', { name: 'Send test link' }));
    expect(await within(links).findByText('Test link created: https://go.shortpen.com/abc.')).toBeTruthy();

    // Declined at the confirmation: the last result stays, nothing new is claimed.
    h.sendTestLink.mockResolvedValueOnce(undefined);
    fireEvent.click(within(links).getByRole('button', { name: 'Send test link' }));
    await waitFor(() => expect(h.sendTestLink).toHaveBeenCalledTimes(2));
    expect(within(links).getByText('Test link created: https://go.shortpen.com/abc.')).toBeTruthy();
  });
});

describe('Edit', () => {
  it('opens the form for that destination', async () => {
    const h = showOptions({
      items: [WIKI],
      forms: { 'd-wiki': { id: 'd-wiki', provider: 'sharely', name: 'Team wiki', baseUrl: 'https://api.sharely.ai', apiKey: 'k', workspaceId: '' } },
    });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(h.formFor).toHaveBeenCalledExactlyOnceWith('d-wiki');
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Team wiki');
  });
});

describe('Remove', () => {
  it('removes a destination with nothing waiting at once, and says so', async () => {
    const h = showOptions({ items: [WIKI, LINKS] });
    fireEvent.click(within(await item('Short links')).getByRole('button', { name: 'Remove' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-links', { deleteCaptures: true });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Removed Short links.'));
  });

  it('asks first when captures still wait, and can move them to another destination', async () => {
    const h = showOptions({ items: [{ ...WIKI, pending: 3 }, LINKS, TICKETS] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Team wiki' });
    expect(h.remove).not.toHaveBeenCalled();
    expect(within(dialog).getByText('3 captures still wait to be delivered to Team wiki. Move them to another destination, or delete them?')).toBeTruthy();
    const target = within(dialog).getByRole('combobox', { name: 'Move captures to' }) as HTMLSelectElement;
    expect(within(target).getAllByRole('option').map((o) => o.textContent)).toEqual(['Short links', 'Tickets']);
    expect(buttonsOf(dialog)).toEqual(['Move and remove', 'Delete captures and remove', 'Cancel']);

    fireEvent.change(target, { target: { value: 'd-tickets' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { moveTo: 'd-tickets' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Removed Team wiki.'));
  });

  it('moves to the first other destination when the user does not choose', async () => {
    const h = showOptions({ items: [LINKS, { ...WIKI, pending: 2 }, TICKETS] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { moveTo: 'd-links' });
  });

  it('can delete the waiting captures instead, by a button that says so', async () => {
    const h = showOptions({ items: [{ ...WIKI, pending: 3 }, LINKS] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete captures and remove' }));
    expect(h.remove).toHaveBeenCalledExactlyOnceWith('d-wiki', { deleteCaptures: true });
  });

  it('Cancel keeps the destination and its captures', async () => {
    const h = showOptions({ items: [{ ...WIKI, pending: 3 }, LINKS] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.remove).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(await item('Team wiki')).toBeTruthy();
  });

  it('with no other destination, offers only deleting', async () => {
    const h = showOptions({ items: [{ ...WIKI, pending: 1 }] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Team wiki' });
    expect(within(dialog).getByText(/^1 capture still waits to be delivered to Team wiki\./)).toBeTruthy();
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    expect(buttonsOf(dialog)).toEqual(['Delete captures and remove', 'Cancel']);
    expect(h.remove).not.toHaveBeenCalled();
  });

  it('does not offer moving in words when there is nowhere to move', async () => {
    showOptions({ items: [{ ...WIKI, pending: 1 }] });
    fireEvent.click(within(await item('Team wiki')).getByRole('button', { name: 'Remove' }));
    expect(within(screen.getByRole('dialog')).queryByText(/Move them to another destination/)).toBeNull();
  });
});
