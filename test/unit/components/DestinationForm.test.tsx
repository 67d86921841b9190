// @vitest-environment happy-dom
// The destination form on the options page: per-service fields, messages at each field, the masked key, warnings and notices.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NAME_MAX } from '../../../lib/destination';
import { UUID_A } from '../../contracts/fixtures';
import { destinationsItem } from '../../../lib/platform/storage';
import { en } from './locale';
import { showOptions } from './options-harness';

afterEach(cleanup);

const newForm = () => screen.getByRole('form', { name: 'New destination' });
const box = (name: string) => within(newForm()).getByRole('textbox', { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(box(name), { target: { value } });
const service = () => within(newForm()).getByRole('combobox', { name: 'Service' }) as HTMLSelectElement;
const pick = (label: string) => {
  const option = within(service()).getByRole('option', { name: label }) as HTMLOptionElement;
  fireEvent.change(service(), { target: { value: option.value } });
};
const textboxNames = () => within(newForm()).getAllByRole('textbox').map((el) => el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent);
const saveDestination = () => fireEvent.click(within(newForm()).getByRole('button', { name: 'Save destination' }));

/** The message shown at a field: the element its aria-describedby names, and the field marked invalid. */
function messageAt(name: string): string | undefined {
  const field = box(name);
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field-error'));
  return error?.textContent ?? undefined;
}

async function openNewForm() {
  const h = await showOptions();
  fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
  return h;
}

describe('a new destination', () => {
  it('linkding asks for the address and token only (no default host), its key hint and a Mark as unread box', async () => {
    await openNewForm();
    pick('linkding');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key']);
    expect(box('API base URL').value).toBe('');
    expect(within(newForm()).getByText(en('hintLinkdingApiKey'))).toBeTruthy();
    expect((within(newForm()).getByRole('checkbox', { name: 'Mark as unread' }) as HTMLInputElement).checked).toBe(false);
  });

  it('starts as Sharely with its documented base URL, and lists every service', async () => {
    await openNewForm();
    expect(within(service()).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Sharely',
      'ShortPen',
      'Userplane',
      'Poozle',
      'Link action',
      'linkding',
      'Karakeep',
      'Linkwarden',
      'wallabag',
      'JSON webhook',
    ]);
    expect(service().value).toBe('sharely');
    expect(service().disabled).toBe(false);
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Workspace ID']);
    expect(box('API base URL').value).toBe('https://api.sharely.ai');
    expect(box('API base URL').getAttribute('inputmode')).toBe('url');
    expect(box('Name').value).toBe('');
    expect(screen.queryByRole('button', { name: 'Add destination' })).toBeNull();
    expect(within(newForm()).queryByRole('spinbutton')).toBeNull();
  });

  it('Cancel closes the form without saving', async () => {
    const h = await openNewForm();
    type('Name', 'Half done');
    fireEvent.click(within(newForm()).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'New destination' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add destination' })).toBeTruthy();
    expect(h.save).not.toHaveBeenCalled();
  });

  it('saves synchronously inside the click (for the permission prompt), then closes and says so', async () => {
    const h = await openNewForm();
    type('Name', 'Team wiki');
    type('API key', 'sk-123');
    type('Workspace ID', UUID_A);
    saveDestination();
    // No await between the click and the call: the host-permission request needs the user gesture.
    expect(h.save).toHaveBeenCalledOnce();
    expect(h.save).toHaveBeenCalledWith('sharely', expect.objectContaining({ name: 'Team wiki', apiKey: 'sk-123', workspaceId: UUID_A, baseUrl: 'https://api.sharely.ai' }));
    // The real save asked for the host permission before returning, so still inside the click.
    expect(h.fakes.requestPermission).toHaveBeenCalledExactlyOnceWith('https://api.sharely.ai');
    expect(screen.queryByRole('form', { name: 'New destination' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Team wiki' }));
  });
});

describe('validation messages at each field', () => {
  it('names every missing field at once, next to that field', async () => {
    const h = await openNewForm();
    saveDestination();
    expect(h.save).toHaveBeenCalledOnce();
    expect(messageAt('Name')).toBe(en('formRequired', { field: 'Name' }));
    expect(messageAt('API key')).toBe(en('formRequired', { field: 'API key' }));
    expect(messageAt('Workspace ID')).toBe(en('formRequired', { field: 'Workspace ID' }));
    expect(messageAt('API base URL')).toBeUndefined();
    // The form stays open with what was typed, and the page-level status is not used for field problems.
    expect(newForm()).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says what form a value must take', async () => {
    await openNewForm();
    type('Name', 'x'.repeat(NAME_MAX + 1));
    type('API key', 'sk-123');
    type('Workspace ID', 'not-a-uuid');
    type('API base URL', 'http://api.example.com');
    saveDestination();
    expect(messageAt('Name')).toBe(en('formTooLong', { field: 'Name', max: NAME_MAX }));
    expect(messageAt('Workspace ID')).toBe(en('formUuid', { field: 'Workspace ID' }));
    expect(messageAt('API base URL')).toBe(en('formInsecureUrl', { field: 'API base URL' }));
    expect(messageAt('API key')).toBeUndefined();

    type('API base URL', 'api.example.com');
    saveDestination();
    expect(messageAt('API base URL')).toBe(en('formUrl', { field: 'API base URL' }));
  });

  it('accepts plain http for 127.0.0.1, and clears the messages once the form is right', async () => {
    await openNewForm();
    saveDestination();
    expect(messageAt('Name')).toBe(en('formRequired', { field: 'Name' }));
    type('Name', 'Local');
    type('API key', 'sk-123');
    type('Workspace ID', UUID_A);
    type('API base URL', 'http://127.0.0.1:8787');
    saveDestination();
    expect(screen.queryByRole('form', { name: 'New destination' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Local' }));
  });

  it('checks ShortPen’s ids as whole numbers', async () => {
    await openNewForm();
    pick('ShortPen');
    type('Name', 'Links');
    type('API key', 'sp-key');
    type('Domain ID', 'three');
    type('Tag IDs', '12, x');
    type('Folder ID', '7');
    saveDestination();
    expect(messageAt('Domain ID')).toBe(en('formInteger', { field: 'Domain ID' }));
    expect(messageAt('Tag IDs')).toBe(en('formIntegerList', { field: 'Tag IDs' }));
    expect(messageAt('Folder ID')).toBeUndefined();
    expect(messageAt('Workspace ID')).toBeUndefined(); // optional for ShortPen
    for (const name of ['Domain ID', 'Workspace ID', 'Folder ID', 'Tag IDs']) expect(box(name).getAttribute('inputmode')).toBe('numeric');
  });

  it('refuses a ".." Userplane workspace id at its field: it would turn the request path into another route', async () => {
    const h = await openNewForm();
    pick('Userplane');
    type('Name', 'Recordings');
    type('API key', 'uspl_key');
    type('Workspace ID', '..');
    type('Domain ID', 'dom');
    saveDestination();
    expect(messageAt('Workspace ID')).toBe(en('formPathId', { field: 'Workspace ID' }));
    expect(messageAt('Domain ID')).toBeUndefined();
    expect(h.save).toHaveLastReturnedWith(expect.objectContaining({ ok: false }));
  });

  it('checks Poozle’s expiry and needs no API key', async () => {
    await openNewForm();
    pick('Poozle');
    type('Name', 'Tickets');
    type('API base URL', 'https://poozle.example.com');
    type('Workspace ID', 'ws-1');
    type('Categories', 'ticketing');
    type('Expires in (seconds)', '0');
    saveDestination();
    expect(messageAt('Expires in (seconds)')).toBe(en('formInvalid', { field: 'Expires in (seconds)' }));
    expect(messageAt('API key')).toBeUndefined();
    type('Expires in (seconds)', '3600');
    saveDestination();
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Tickets' }));
  });

  it('drops the previous service’s messages when the service changes', async () => {
    await openNewForm();
    type('Workspace ID', 'not-a-uuid');
    saveDestination();
    expect(messageAt('Workspace ID')).toBe(en('formUuid', { field: 'Workspace ID' }));
    pick('ShortPen');
    expect(messageAt('Workspace ID')).toBeUndefined();
  });
});

describe('switching the service', () => {
  it('shows each service’s own fields, with their defaults', async () => {
    await openNewForm();
    pick('ShortPen');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Domain ID', 'Workspace ID', 'Folder ID', 'Tag IDs']);
    expect(box('API base URL').value).toBe('https://api.shortpen.com');

    pick('Userplane');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Workspace ID', 'Domain ID', 'Project ID']);
    expect(box('API base URL').value).toBe('https://api.userplane.io/api/v1');
    expect(within(newForm()).getByRole('checkbox', { name: 'Reusable link' })).toHaveProperty('checked', false);

    pick('Poozle');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Workspace ID', 'Categories', 'Expires in (seconds)', 'Integration definition ID']);
    expect(box('API base URL').value).toBe(''); // Poozle's spec names no production host
    expect(box('Expires in (seconds)').value).toBe('604800');
    expect(within(newForm()).getByText(en('destinationFormKnownValues', { values: 'MESSAGING, HRIS, CALENDAR, TICKETING, DOCUMENTATION' }))).toBeTruthy();
    expect(within(newForm()).queryByRole('checkbox', { name: 'Reusable link' })).toBeNull();

    pick('Link action');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Link ID', 'Specification ID', 'Service ID']);

    pick('Sharely');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'API key', 'Workspace ID']);
    expect(box('API base URL').value).toBe('https://api.sharely.ai');
  });

  it('keeps the name, the key and a base URL the user typed, but not the other service’s ids', async () => {
    const h = await openNewForm();
    type('Name', 'Mine');
    type('API key', 'k-1');
    type('Workspace ID', UUID_A);
    pick('ShortPen');
    expect(box('Name').value).toBe('Mine');
    expect(box('API key').value).toBe('k-1');
    expect(box('Workspace ID').value).toBe('');

    type('API base URL', 'https://links.example.com');
    pick('Userplane');
    expect(box('API base URL').value).toBe('https://links.example.com');

    type('Workspace ID', 'ws_1');
    type('Domain ID', 'dom_1');
    type('API key', 'uspl_abc');
    fireEvent.click(within(newForm()).getByRole('checkbox', { name: 'Reusable link' }));
    saveDestination();
    expect(h.save).toHaveBeenLastCalledWith('userplane', {
      id: '',
      name: 'Mine',
      apiKey: 'uspl_abc',
      baseUrl: 'https://links.example.com',
      linkReusable: true,
      workspaceId: 'ws_1',
      domainId: 'dom_1',
    });
  });
});

describe('the API key', () => {
  it('is masked text (a textbox, not a password field) until the user asks to see it', async () => {
    await openNewForm();
    type('API key', 'sk-secret');
    const key = box('API key');
    expect(key.getAttribute('type')).toBe('text');
    expect(key.classList.contains('masked')).toBe(true);
    expect(key.getAttribute('autocomplete')).toBe('off');
    const toggle = within(newForm()).getByRole('button', { name: 'Show key' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(toggle);
    expect(box('API key').classList.contains('masked')).toBe(false);
    expect(box('API key').value).toBe('sk-secret');
    expect(within(newForm()).getByRole('button', { name: 'Hide key' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(newForm()).getByRole('button', { name: 'Hide key' }));
    expect(box('API key').classList.contains('masked')).toBe(true);
  });

  it('for Userplane, warns at the field when the key does not start with uspl_, without blocking the save', async () => {
    const h = await openNewForm();
    pick('Userplane');
    const warning = en('optionsKeyPrefixWarning', { prefix: 'uspl_' });
    const hintText = en('hintUserplaneApiKey');
    expect(within(newForm()).getByText(hintText)).toBeTruthy();
    expect(messageAt('API key')).toBeUndefined();

    type('API key', 'sk-from-another-service');
    expect(messageAt('API key')).toBe(warning);
    const described = box('API key').getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain(hintText);

    type('API key', 'uspl_live_123');
    expect(messageAt('API key')).toBeUndefined();
    expect(within(newForm()).queryByText(warning)).toBeNull();

    type('API key', 'not-uspl');
    type('Name', 'Recordings');
    type('Workspace ID', 'ws_1');
    type('Domain ID', 'dom_1');
    saveDestination();
    expect(h.save).toHaveBeenLastCalledWith('userplane', expect.objectContaining({ apiKey: 'not-uspl' }));
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Recordings' }));
  });

  it('gets no prefix warning for other services', async () => {
    await openNewForm();
    type('API key', 'anything');
    expect(messageAt('API key')).toBeUndefined();
    pick('ShortPen');
    type('API key', 'anything-else');
    expect(messageAt('API key')).toBeUndefined();
  });
});

describe('Poozle', () => {
  it('says that the page URL is not sent, and only for Poozle', async () => {
    await openNewForm();
    expect(screen.queryByText(en('poozleNotice'))).toBeNull();
    pick('Poozle');
    expect(within(newForm()).getByText(en('poozleNotice'))).toBeTruthy();
    pick('Link action');
    expect(screen.queryByText(en('poozleNotice'))).toBeNull();
  });
});

describe('editing', () => {
  it('fills the form with the stored values and keeps the service fixed', async () => {
    const h = await showOptions([{ id: 'd-1', name: 'Short links', provider: 'shortpen', settings: { apiKey: 'sp_saved_key', domainId: 3, tagIds: [12, 18] } }]);
    const item = await screen.findByRole('listitem', { name: 'Short links' });
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit destination' });
    expect(h.formFor).toHaveBeenCalledWith('d-1');
    const select = within(form).getByRole('combobox', { name: 'Service' }) as HTMLSelectElement;
    expect(select.value).toBe('shortpen');
    expect(select.disabled).toBe(true);
    expect((within(form).getByRole('textbox', { name: 'Tag IDs' }) as HTMLInputElement).value).toBe('12, 18');

    fireEvent.input(within(form).getByRole('textbox', { name: 'Domain ID' }), { target: { value: '4' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(h.save).toHaveBeenCalledWith('shortpen', expect.objectContaining({ id: 'd-1', domainId: '4', apiKey: '' }));
    expect(screen.queryByRole('form', { name: 'Edit destination' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(en('optionsSaved', { name: 'Short links' }));
    // Stored with the new id and the key that was never shown.
    await waitFor(async () => expect(await destinationsItem.getValue()).toEqual([expect.objectContaining({ id: 'd-1', domainId: 4, tagIds: [12, 18], apiKey: 'sp_saved_key' })]));
  });
});

describe('the saved key of a destination being edited', () => {
  const KEY = 'sp_live_secret_0123456789';
  async function openEdit() {
    const h = await showOptions([{ id: 'd-1', name: 'Short links', provider: 'shortpen', settings: { apiKey: KEY, domainId: 3 } }]);
    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Short links' })).getByRole('button', { name: 'Edit' }));
    return { h, form: await screen.findByRole('form', { name: 'Edit destination' }) };
  }

  const keyInPage = () => document.body.innerHTML.includes(KEY) || [...document.querySelectorAll('input')].some((input) => input.value.includes(KEY));

  it('is never in the page: the field says a key is saved and offers Replace key', async () => {
    const { form } = await openEdit();
    expect(keyInPage()).toBe(false);
    expect(within(form).queryByRole('textbox', { name: 'API key' })).toBeNull();
    const group = within(form).getByRole('group', { name: 'API key' });
    expect(group.textContent).toContain(en('secretKeySaved'));
    expect(within(group).getByRole('button', { name: 'Replace key' })).toBeTruthy();
  });

  it('Replace key opens an empty key field whose hint says blank keeps the current key', async () => {
    const { h, form } = await openEdit();
    fireEvent.click(within(form).getByRole('button', { name: 'Replace key' }));
    const field = within(form).getByRole('textbox', { name: 'API key' }) as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.classList.contains('masked')).toBe(true);
    expect(document.activeElement).toBe(field);
    const described = field.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain(en('secretKeepHint'));
    expect(keyInPage()).toBe(false);

    fireEvent.input(field, { target: { value: 'sp_new_key' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save destination' }));
    expect(h.save).toHaveBeenCalledWith('shortpen', expect.objectContaining({ id: 'd-1', apiKey: 'sp_new_key' }));
  });

  it('a new destination has a plain key field and no Replace key', async () => {
    await openNewForm();
    expect(box('API key').value).toBe('');
    expect(within(newForm()).queryByRole('button', { name: 'Replace key' })).toBeNull();
  });
});

describe('the JSON webhook and wallabag forms', () => {
  it('the webhook names its URL and secret, offers POST or PUT, and names an unknown placeholder at the template', async () => {
    await openNewForm();
    pick('JSON webhook');
    expect(textboxNames()).toEqual(['Name', 'Webhook URL', 'Secret header value', 'Secret header name', 'Extra headers', 'Body template']);
    const method = within(newForm()).getByRole('combobox', { name: 'Method' }) as HTMLSelectElement;
    expect(within(method).getAllByRole('option').map((o) => o.textContent)).toEqual(['POST', 'PUT']);
    expect(box('Body template').value).toContain('"url": "{{url}}"');
    type('Name', 'Hook');
    type('Webhook URL', 'https://hooks.example.com/in');
    type('Body template', '{"t": "{{titel}}"}');
    saveDestination();
    await waitFor(() => expect(messageAt('Body template')).toBe(en('formTemplatePlaceholder', { field: 'Body template', placeholder: '{{titel}}' })));
  });

  it('wallabag asks for a password it says it will not store', async () => {
    await openNewForm();
    pick('wallabag');
    expect(textboxNames()).toEqual(['Name', 'API base URL', 'Client secret', 'Client ID', 'Username', 'Password']);
    expect(within(newForm()).getByText(en('hintWallabagPassword'))).toBeTruthy();
  });
});
