// @vitest-environment happy-dom
// The options page with an organization's policy: marked destinations, read-only locked forms, disabled preferences.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../lib/settings';
import { destinationView, SERVICES, showOptions } from './options-harness';

afterEach(cleanup);

const SET_BY_ORG = 'Set by your organization';
const linkdingForm = (id: string, extra: Record<string, string | boolean>) => ({
  id,
  provider: 'linkding' as const,
  name: 'Team links',
  baseUrl: 'https://links.example.com',
  apiKey: '',
  unread: false,
  managed: true,
  ...extra,
});

describe('the options page with a managed policy', () => {
  it('marks a policy destination "Set by your organization" and offers no Remove for it', async () => {
    showOptions({
      items: [
        destinationView({ id: 'managed-team', name: 'Team links', provider: 'linkding', managed: { locked: true } }),
        destinationView({ id: 'd-1', name: 'Mine' }),
      ],
    });
    const managed = await screen.findByRole('listitem', { name: 'Team links' });
    expect(within(managed).getByText(SET_BY_ORG)).toBeTruthy();
    expect(within(managed).queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(within(managed).getByRole('button', { name: 'Edit' })).toBeTruthy();
    const own = screen.getByRole('listitem', { name: 'Mine' });
    expect(within(own).queryByText(SET_BY_ORG)).toBeNull();
    expect(within(own).getByRole('button', { name: 'Remove' })).toBeTruthy();
  });

  it('opens a locked destination with every field read-only and no way to replace its key', async () => {
    const h = showOptions({
      items: [destinationView({ id: 'managed-team', name: 'Team links', provider: 'linkding', managed: { locked: true } })],
      forms: { 'managed-team': linkdingForm('managed-team', { locked: true, keyEditable: false, keySaved: true }) },
    });
    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Team links' })).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(within(form).getByText('Set by your organization. These settings are read-only.')).toBeTruthy();
    for (const name of ['Name', 'API base URL']) expect((within(form).getByRole('textbox', { name }) as HTMLInputElement).readOnly, name).toBe(true);
    expect((within(form).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
    expect((within(form).getByRole('combobox', { name: 'Service' }) as HTMLSelectElement).disabled).toBe(true);
    expect(within(form).queryByRole('button', { name: 'Replace key' })).toBeNull();
    expect(within(form).queryByRole('textbox', { name: 'API key' })).toBeNull();
    // Typing into a read-only box changes nothing; the save sends the policy's values.
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(h.save).toHaveBeenCalledWith('linkding', expect.objectContaining({ name: 'Team links', baseUrl: 'https://links.example.com' }));
  });

  it('leaves only the key editable when the admin left it to the user', async () => {
    const h = showOptions({
      items: [destinationView({ id: 'managed-mine', name: 'Team links', provider: 'linkding', managed: { locked: true } })],
      forms: { 'managed-mine': linkdingForm('managed-mine', { locked: true, keyEditable: true, keySaved: false }) },
    });
    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Team links' })).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(within(form).getByText(/^Set by your organization\. These settings are read-only; only the API key is yours to enter\./)).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).readOnly).toBe(true);
    const key = within(form).getByRole('textbox', { name: 'API key' }) as HTMLInputElement;
    expect(key.readOnly).toBe(false);
    fireEvent.input(key, { target: { value: 'my-own-key' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(h.save).toHaveBeenCalledWith('linkding', expect.objectContaining({ apiKey: 'my-own-key' }));
  });

  it('lets the user edit an unlocked policy destination and says what a later policy change does', async () => {
    showOptions({
      items: [destinationView({ id: 'managed-open', name: 'Team links', provider: 'linkding', managed: { locked: false } })],
      forms: { 'managed-open': linkdingForm('managed-open', { locked: false, keyEditable: true, keySaved: true }) },
    });
    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Team links' })).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(within(form).getByText(/your changes apply until your organization changes this destination/)).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).readOnly).toBe(false);
    expect(within(form).getByRole('button', { name: 'Replace key' })).toBeTruthy();
  });

  it('offers only allowed services when adding, and no Add button when none is allowed', async () => {
    showOptions({ services: SERVICES.map((s) => (s.id === 'linkding' ? s : { ...s, addable: false })) });
    fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
    const form = await screen.findByRole('form', { name: 'New destination' });
    expect(within(within(form).getByRole('combobox', { name: 'Service' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['linkding']);
    cleanup();
    showOptions({ services: SERVICES.map((s) => ({ ...s, addable: false })) });
    await screen.findByRole('heading', { name: 'Preferences' });
    expect(screen.queryByRole('button', { name: 'Add destination' })).toBeNull();
  });

  it('shows a preference the policy sets disabled, "Set by your organization", and lists ignored policy parts', async () => {
    showOptions({
      preferences: { ...DEFAULT_PREFERENCES, stripTracking: false },
      policy: { problems: ["Ignored in your organization's policy: destinations.1 — not a list"], managedPreferences: ['stripTracking', 'retentionDays'] },
    });
    const strip = (await screen.findByRole('checkbox', { name: /^Remove tracking parameters/ })) as HTMLInputElement;
    expect(strip.disabled).toBe(true);
    expect(strip.checked).toBe(false);
    expect(document.getElementById(strip.getAttribute('aria-describedby')!)?.textContent).toBe(SET_BY_ORG);
    expect((screen.getByRole('textbox', { name: 'Keep delivered history (days)' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Include selected text when saving without the popup' }) as HTMLInputElement).disabled).toBe(false);
    const notes = screen.getByRole('region', { name: "Your organization's policy" });
    expect(within(notes).getByText(/destinations\.1 — not a list/)).toBeTruthy();
  });
});
