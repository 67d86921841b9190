// @vitest-environment happy-dom
// The options page on its production services with an organization's policy in storage.managed: marked destinations,
// read-only locked forms, the key left to the user, allowed services, and disabled preferences.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { managedLocalItem } from '../../../lib/platform/storage';
import { showOptions } from './options-harness';

afterEach(cleanup);

const SET_BY_ORG = 'Set by your organization';
const POLICY_KEY = 'policy-key-0123456789';
const team = { id: 'team', provider: 'linkding', name: 'Team links', baseUrl: 'https://links.example.com', apiKey: POLICY_KEY };
const withPolicy = async (policy: Record<string, unknown>) => fakeBrowser.storage.managed.set(policy);

async function openForm(name: string) {
  fireEvent.click(within(await screen.findByRole('listitem', { name })).getByRole('button', { name: 'Edit' }));
  return screen.findByRole('form', { name: 'Edit destination' });
}

describe('the options page with a managed policy', () => {
  it('lists the policy destination first, marked "Set by your organization", with no Remove', async () => {
    await withPolicy({ destinations: [team] });
    await showOptions([{ id: 'd-1', name: 'Mine' }]);
    const managed = await screen.findByRole('listitem', { name: 'Team links' });
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Team links', 'Mine']);
    expect(within(managed).getByText(SET_BY_ORG)).toBeTruthy();
    expect(within(managed).queryByRole('button', { name: 'Remove' })).toBeNull();
    const own = screen.getByRole('listitem', { name: 'Mine' });
    expect(within(own).queryByText(SET_BY_ORG)).toBeNull();
    expect(within(own).getByRole('button', { name: 'Remove' })).toBeTruthy();
  });

  it('opens a locked destination with every field read-only, the key neither shown nor replaceable', async () => {
    await withPolicy({ destinations: [team] });
    await showOptions();
    const form = await openForm('Team links');
    expect(within(form).getByText('Set by your organization. These settings are read-only.')).toBeTruthy();
    for (const name of ['Name', 'API base URL']) expect((within(form).getByRole('textbox', { name }) as HTMLInputElement).readOnly, name).toBe(true);
    expect((within(form).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
    expect((within(form).getByRole('combobox', { name: 'Service' }) as HTMLSelectElement).disabled).toBe(true);
    expect(within(form).getByText('A key is saved for this destination.', { exact: false })).toBeTruthy();
    expect(within(form).queryByRole('button', { name: 'Replace key' })).toBeNull();
    expect(within(form).queryByRole('textbox', { name: 'API key' })).toBeNull();
    expect(document.body.innerHTML).not.toContain(POLICY_KEY);
  });

  it('leaves only the key editable when the admin left it to the user, and keeps the typed key in storage.local', async () => {
    await withPolicy({ destinations: [{ ...team, apiKey: '' }] });
    const h = await showOptions();
    const item = await screen.findByRole('listitem', { name: 'Team links' });
    await waitFor(() => expect(item.textContent).toContain('API key'));
    const form = await openForm('Team links');
    expect(within(form).getByText(/^Set by your organization\. These settings are read-only; only the API key is yours to enter\./)).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).readOnly).toBe(true);
    const key = within(form).getByRole('textbox', { name: 'API key' }) as HTMLInputElement;
    expect(key.readOnly).toBe(false);
    fireEvent.input(key, { target: { value: 'my-own-key' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit destination' })).toBeNull());
    expect(h.fakes.requestPermission).toHaveBeenCalledWith('https://links.example.com');
    await waitFor(async () => expect(await managedLocalItem.getValue()).toEqual({ 'managed-team': { apiKey: 'my-own-key', keyOrigin: 'https://links.example.com' } }));
  });

  it('lets the user edit an unlocked policy destination and says what a later policy change does', async () => {
    await withPolicy({ destinations: [{ ...team, locked: false }] });
    await showOptions();
    const form = await openForm('Team links');
    expect(within(form).getByText(/your changes apply until your organization changes this destination/)).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).readOnly).toBe(false);
    expect(within(form).getByRole('button', { name: 'Replace key' })).toBeTruthy();
  });

  it('offers only the allowed services when adding, and no Add button when none is allowed', async () => {
    await withPolicy({ allowedServices: ['linkding'] });
    await showOptions();
    fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
    const form = await screen.findByRole('form', { name: 'New destination' });
    expect(within(within(form).getByRole('combobox', { name: 'Service' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['linkding']);
    cleanup();
    await withPolicy({ allowedServices: [] });
    await showOptions();
    await screen.findByRole('heading', { name: 'Preferences' });
    expect(screen.queryByRole('button', { name: 'Add destination' })).toBeNull();
  });

  it('shows a preference the policy sets disabled, "Set by your organization", and names the ignored policy parts', async () => {
    await withPolicy({ destinations: [{ ...team, baseUrl: 'http://links.example.com' }], preferences: { stripTracking: false, retentionDays: 7 } });
    await showOptions();
    const strip = (await screen.findByRole('checkbox', { name: /^Remove tracking parameters/ })) as HTMLInputElement;
    await waitFor(() => expect(strip.disabled).toBe(true));
    expect(strip.checked).toBe(false);
    expect(document.getElementById(strip.getAttribute('aria-describedby')!)?.textContent).toBe(SET_BY_ORG);
    const days = screen.getByRole('textbox', { name: 'Keep delivered history (days)' }) as HTMLInputElement;
    expect([days.disabled, days.value]).toEqual([true, '7']);
    expect((screen.getByRole('checkbox', { name: 'Include selected text when saving without the popup' }) as HTMLInputElement).disabled).toBe(false);
    const notes = screen.getByRole('region', { name: "Your organization's policy" });
    expect(within(notes).getByText(/^Ignored in your organization's policy: destinations\.0 — the base URL must be https/)).toBeTruthy();
  });
});
