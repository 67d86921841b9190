// @vitest-environment happy-dom
// The options page as a whole: one status, live data, and one form at a time for the destination chosen.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { destinationsItem } from '../../../lib/platform/storage';
import { UUID_A, UUID_B } from '../../contracts/fixtures';
import { en } from './locale';
import { showOptions } from './options-harness';

afterEach(cleanup);

const sharely = (id: string, name: string, workspaceId: string) => ({ id, name, settings: { apiKey: `key-${id}`, workspaceId } });

describe('the options page', () => {
  it('has one status, loads destinations and preferences, listens for changes and stops when closed', async () => {
    const h = await showOptions([{ id: 'd-1', name: 'Team wiki' }]);
    expect(screen.getByRole('heading', { level: 1, name: en('optionsHeading') })).toBeTruthy();
    await screen.findByRole('listitem', { name: 'Team wiki' });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(h.load).toHaveBeenCalledOnce();
    expect(h.loadPreferences).toHaveBeenCalled();
    expect(h.subscribe).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Add destination' })).toBeTruthy();
    cleanup();
    await waitFor(() => expect(h.unsubscribe).toHaveBeenCalledOnce());
  });

  it('shows the form of the destination chosen last, not a stale one', async () => {
    await showOptions([sharely('d-1', 'Team wiki', UUID_A), sharely('d-2', 'Research', UUID_B)]);
    fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
    fireEvent.input(within(screen.getByRole('form', { name: 'New destination' })).getByRole('textbox', { name: 'Name' }), { target: { value: 'Draft' } });

    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Team wiki' })).getByRole('button', { name: 'Edit' }));
    const first = await screen.findByRole('form', { name: 'Edit destination' });
    expect((within(first).getByRole('textbox', { name: 'Workspace ID' }) as HTMLInputElement).value).toBe(UUID_A);
    expect(screen.queryByRole('form', { name: 'New destination' })).toBeNull();

    fireEvent.click(within(screen.getByRole('listitem', { name: 'Research' })).getByRole('button', { name: 'Edit' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Research'));
    expect((screen.getByRole('textbox', { name: 'Workspace ID' }) as HTMLInputElement).value).toBe(UUID_B);
    expect(screen.getAllByRole('form')).toHaveLength(1);
  });

  it('keeps one status while the form shows messages, and reports a save there', async () => {
    const h = await showOptions();
    fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
    const form = screen.getByRole('form', { name: 'New destination' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(within(form).getByText(en('formRequired', { field: en('fieldName') }))).toBeTruthy();
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('');
    for (const [name, value] of [['Name', 'Wiki'], ['API key', 'k'], ['Workspace ID', UUID_A]] as const) {
      fireEvent.input(within(form).getByRole('textbox', { name }), { target: { value } });
    }
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(h.save).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Wiki' }));
    // The real save stored it: the list shows it, and the key is in storage.local.
    expect(await screen.findByRole('listitem', { name: 'Wiki' })).toBeTruthy();
    expect(await destinationsItem.getValue()).toEqual([expect.objectContaining({ name: 'Wiki', apiKey: 'k', workspaceId: UUID_A })]);
    expect(h.fakes.requestPermission).toHaveBeenCalledExactlyOnceWith('https://api.sharely.ai');
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });
});
