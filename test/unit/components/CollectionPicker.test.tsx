// @vitest-environment happy-dom
// Linkwarden's "Choose collection" in the destination form, on the real options services: nothing is asked of the
// service until it is pressed, then the list comes from the service and a choice fills Collection ID; a failure says
// why and pressing again asks again.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showOptions } from './options-harness';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const form = () => screen.getByRole('form', { name: 'New destination' });
const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
const COLLECTIONS = { response: [{ id: 3, name: 'Reading', parentId: null }, { id: 7, name: 'Papers', parentId: 3 }] };

async function openLinkwardenForm() {
  const h = await showOptions();
  await waitFor(() => expect(h.load).toHaveBeenCalled());
  fireEvent.click(await screen.findByRole('button', { name: 'Add destination' }));
  fireEvent.change(within(form()).getByRole('combobox', { name: 'Service' }), { target: { value: 'linkwarden' } });
  await within(form()).findByRole('button', { name: 'Choose collection' });
  return h;
}

const type = (name: string, value: string) => fireEvent.input(within(form()).getByRole('textbox', { name }), { target: { value } });

describe('Choose collection', () => {
  it('is offered for Linkwarden only, and asks the service nothing until pressed', async () => {
    const h = await openLinkwardenForm();
    fireEvent.change(within(form()).getByRole('combobox', { name: 'Service' }), { target: { value: 'linkding' } });
    expect(within(form()).queryByRole('button', { name: 'Choose collection' })).toBeNull();
    expect(h.chooseCollection).not.toHaveBeenCalled();
    expect(h.fakes.fetch).not.toHaveBeenCalled();
  });

  it('loads with the base URL and key as typed, lists the collections by place, and a choice fills Collection ID', async () => {
    const h = await openLinkwardenForm();
    h.fakes.fetch.mockImplementation(() => json(200, COLLECTIONS));
    type('API base URL', 'https://links.example.org');
    type('API key', 'eyJ.typed');
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    const list = (await within(form()).findByRole('combobox', { name: 'Collection' })) as HTMLSelectElement;
    expect(Array.from(list.options).map((o) => o.text)).toEqual(['None (Unorganized)', 'Reading (id 3)', 'Reading / Papers (id 7)']);
    const [url, init] = h.fakes.fetch.mock.calls[0]!;
    expect(url).toBe('https://links.example.org/api/v1/collections');
    expect(init).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer eyJ.typed' } });
    fireEvent.change(list, { target: { value: '7' } });
    expect((within(form()).getByRole('textbox', { name: 'Collection ID' }) as HTMLInputElement).value).toBe('7');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save destination' }));
    expect(h.save.mock.calls[0]![1]).toMatchObject({ collectionId: '7' });
  });

  it('says why the list could not be loaded, and pressing again asks again', async () => {
    const h = await openLinkwardenForm();
    h.fakes.fetch.mockImplementationOnce(() => json(401, { response: 'You must be logged in.' })).mockImplementation(() => json(200, COLLECTIONS));
    type('API base URL', 'https://links.example.org');
    type('API key', 'eyJ.typed');
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    await within(form()).findByText('The API key is wrong: https://links.example.org refused it (HTTP 401). Paste the right key into this destination and check again.');
    fireEvent.click(within(form()).getByRole('button', { name: 'Choose collection' }));
    await within(form()).findByRole('combobox', { name: 'Collection' });
    expect(h.fakes.fetch).toHaveBeenCalledTimes(2);
  });
});
