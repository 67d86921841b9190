// @vitest-environment happy-dom
// Linkwarden's "Choose collection" in the destination form: nothing is asked of the service until it is pressed,
// then the list comes from the service and a choice fills Collection ID; a failure says why and can be retried.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { showOptions } from './options-harness';

afterEach(cleanup);

const form = () => screen.getByRole('form', { name: 'New destination' });

async function openLinkwardenForm() {
  const h = showOptions();
  await waitFor(() => expect(h.load).toHaveBeenCalled());
  fireEvent.click(screen.getByRole('button', { name: 'Add destination' }));
  const service = within(form()).getByRole('combobox', { name: 'Service' }) as HTMLSelectElement;
  fireEvent.change(service, { target: { value: 'linkwarden' } });
  await within(form()).findByRole('button', { name: 'Choose collection' });
  return h;
}

const type = (name: string, value: string) => fireEvent.input(within(form()).getByRole('textbox', { name }), { target: { value } });

describe('Choose collection', () => {
  it('is offered for Linkwarden only, and loads nothing until pressed', async () => {
    const h = await openLinkwardenForm();
    expect(h.chooseCollection).not.toHaveBeenCalled();
    fireEvent.change(within(form()).getByRole('combobox', { name: 'Service' }), { target: { value: 'linkding' } });
    expect(within(form()).queryByRole('button', { name: 'Choose collection' })).toBeNull();
    expect(h.chooseCollection).not.toHaveBeenCalled();
  });

  it('asks with the form as typed, lists the collections by place, and a choice fills Collection ID', async () => {
    const h = await openLinkwardenForm();
    type('API base URL', 'https://links.example.org');
    type('API key', 'eyJ.typed');
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    expect(h.chooseCollection).toHaveBeenCalledTimes(1);
    expect(h.chooseCollection.mock.calls[0]![0]).toMatchObject({ baseUrl: 'https://links.example.org', apiKey: 'eyJ.typed' });
    const list = (await within(form()).findByRole('combobox', { name: 'Collection' })) as HTMLSelectElement;
    expect(Array.from(list.options).map((o) => o.text)).toEqual(['None (Unorganized)', 'Reading (id 3)', 'Reading / Papers (id 7)']);
    fireEvent.change(list, { target: { value: '7' } });
    expect((within(form()).getByRole('textbox', { name: 'Collection ID' }) as HTMLInputElement).value).toBe('7');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save destination' }));
    expect(h.save.mock.calls[0]![1]).toMatchObject({ collectionId: '7' });
  });

  it('says why the list could not be loaded, and the button asks again', async () => {
    const h = await openLinkwardenForm();
    h.chooseCollection.mockResolvedValueOnce({ ok: false, text: 'The API key is wrong: https://links.example.org refused it (HTTP 401).' });
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    await within(form()).findByText('The API key is wrong: https://links.example.org refused it (HTTP 401).');
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    await within(form()).findByRole('combobox', { name: 'Collection' });
    expect(h.chooseCollection).toHaveBeenCalledTimes(2);
  });
});
