// @vitest-environment happy-dom
// The popup as a user meets it: each state (ready, saving, saved, queued, paused, failed, already saved, not a web page), keys, result link and QR.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { CAPTURE_LIMITS } from '../../../lib/capture';
import { T0 } from '../outbox/fixtures';
import { en, enStart } from './locale';
import { deferred, LOCAL_QR, PAGE_TITLE, PAGE_URL, popupForm, showPopup, textbox } from './popup-harness';

afterEach(cleanup);

const saveButton = () => screen.getByRole('button', { name: 'Save' });
const statuses = () => screen.getAllByRole('status');
const openMoreOptions = () => fireEvent.click(screen.getByRole('button', { name: 'More options' }));

/** Saves with Enter in Title and waits until the popup watches the record. */
async function saveAndWatch(h: Awaited<ReturnType<typeof showPopup>>) {
  fireEvent.keyDown(textbox('Title'), { key: 'Enter' });
  await waitFor(() => expect(h.watch).toHaveBeenCalled());
}

describe('ready', () => {
  it('opens with the tab’s title and URL filled in, the destination picked, and an empty status', async () => {
    const onReady = vi.fn();
    const h = await showPopup({ initial: { destinationId: 'dest-b' }, onReady });
    expect(textbox('Title').value).toBe(PAGE_TITLE);
    expect(textbox('URL').value).toBe(PAGE_URL);
    expect(textbox('Note').value).toBe('');
    expect(textbox('Tags').value).toBe('');
    const picker = screen.getByRole('combobox', { name: 'Destination' }) as HTMLSelectElement;
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Team wiki', 'Short links', 'Tickets']);
    expect(picker.value).toBe('dest-b');
    expect(statuses()).toHaveLength(1);
    expect(h.status().textContent).toBe('');
    expect(saveButton()).toHaveProperty('disabled', false);
    // The first field asks for focus; nothing is sent before the user saves.
    expect(textbox('Title').autofocus).toBe(true);
    expect(onReady).toHaveBeenCalledOnce();
    await waitFor(() => expect(h.loadMetadata).toHaveBeenCalledOnce());
    expect(h.suggestTags).toHaveBeenCalledOnce();
    expect(h.save).not.toHaveBeenCalled();
    expect(h.renderQr).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
    expect(screen.queryByText(enStart('popupAlreadySaved'))).toBeNull();
  });

  it('names every text field as a textbox (type=text, never a spinbutton), the URL with inputmode=url', async () => {
    await showPopup();
    for (const name of ['Title', 'URL', 'Tags']) expect(textbox(name).getAttribute('type')).toBe('text');
    expect(textbox('URL').getAttribute('inputmode')).toBe('url');
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('shows ShortPen’s own fields only for a ShortPen destination, and Poozle’s categories only for Poozle', async () => {
    await showPopup();
    expect(screen.queryByRole('textbox', { name: 'Custom slug' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'QR code' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Categories' })).toBeNull();

    expect(screen.queryByRole('button', { name: 'More options' })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-b' } });
    // Behind the disclosure, closed until asked.
    expect(screen.queryByRole('textbox', { name: 'Custom slug' })).toBeNull();
    openMoreOptions();
    for (const name of ['Custom slug', 'UTM source', 'UTM medium', 'UTM campaign']) expect(textbox(name)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'QR code' })).toHaveProperty('checked', false);
    expect(screen.queryByRole('textbox', { name: 'Categories' })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-c' } });
    // Its own state per destination: Poozle's is still closed.
    expect(screen.queryByRole('textbox', { name: 'Categories' })).toBeNull();
    openMoreOptions();
    expect(textbox('Categories')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Custom slug' })).toBeNull();
  });

  it('remembers "More options" per destination: opens as it was left, and stores each toggle', async () => {
    const h = await showPopup({ initial: { destinationId: 'dest-b' }, extrasOpen: { 'dest-b': true, 'dest-c': false } });
    const more = screen.getByRole('button', { name: 'More options' });
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(more.getAttribute('aria-controls')!)?.contains(textbox('Custom slug'))).toBe(true);
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('textbox', { name: 'Custom slug' })).toBeNull();
    expect(h.rememberExtras).toHaveBeenLastCalledWith('dest-b', false);
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-c' } });
    expect(screen.getByRole('button', { name: 'More options' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'More options' }));
    expect(h.rememberExtras).toHaveBeenLastCalledWith('dest-c', true);
    expect(h.rememberExtras).toHaveBeenCalledTimes(2);
  });

  it('opens "More options" when the save failed at a field behind it', async () => {
    const h = await showPopup({ initial: { destinationId: 'dest-b' } });
    h.save.mockResolvedValueOnce({ ok: false, text: 'That slug is taken.', field: 'customSlug' });
    fireEvent.click(saveButton());
    await waitFor(() => expect(textbox('Custom slug').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('button', { name: 'More options' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('shows the page in a header: favicon (web or data: image only), site name, title', async () => {
    await showPopup({ favIconUrl: 'https://example.com/favicon.ico', metadata: { ogSiteName: 'Example News' } });
    const header = screen.getByRole('banner');
    expect(header.querySelector('img')?.getAttribute('src')).toBe('https://example.com/favicon.ico');
    // Until the page's own metadata is read, the host names the site.
    expect(within(header).getByText('example.com')).toBeTruthy();
    expect(await within(header).findByText('Example News')).toBeTruthy();
    expect(within(header).getByText(PAGE_TITLE)).toBeTruthy();
    cleanup();
    for (const favIconUrl of ['chrome://favicon/x', 'javascript:alert(1)', 'file:///etc/x.png', 'data:text/html,x']) {
      await showPopup({ favIconUrl });
      expect(screen.getByRole('banner').querySelector('img')).toBeNull();
      cleanup();
    }
  });

  it('sends what the user typed, with the page metadata, to save', async () => {
    const h = await showPopup({ metadata: { ogDescription: 'A guide', ogSiteName: 'Example' } });
    await waitFor(() => expect(h.loadMetadata).toHaveBeenCalled());
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-b' } });
    fireEvent.input(textbox('Title'), { target: { value: 'Edited title' } });
    fireEvent.input(textbox('Tags'), { target: { value: 'read, later' } });
    openMoreOptions();
    fireEvent.input(textbox('Custom slug'), { target: { value: 'keep' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'QR code' }));
    fireEvent.click(saveButton());
    await waitFor(() => expect(h.save).toHaveBeenCalledOnce());
    expect(h.save).toHaveBeenCalledWith(
      popupForm({ title: 'Edited title', destinationId: 'dest-b', tags: 'read, later', customSlug: 'keep', qr: true }),
      { description: 'A guide', siteName: 'Example' },
    );
    // The real saver wrote it to the outbox, for ShortPen, with what was typed.
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    const saved = await h.outbox.get(h.savedId());
    expect(saved).toMatchObject({ destinationId: 'dest-b', capture: { page: { title: 'Edited title', description: 'A guide', siteName: 'Example' }, tags: ['read', 'later'] } });
    expect(h.requestFlush).toHaveBeenCalledOnce();
    expect(h.savePreferences).toHaveBeenCalledWith(expect.objectContaining({ lastPopupDestinationId: 'dest-b' }));
  });

  it('offers the user’s own tags as suggestions, adds one on click and then stops offering it', async () => {
    await showPopup({ tags: [['reading'], ['work']], initial: { tags: 'Work' } });
    const group = await screen.findByRole('group', { name: 'Suggested tags' });
    // "work" is already typed (any case), so only "reading" is offered.
    expect(within(group).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Add tag reading']);
    fireEvent.click(within(group).getByRole('button', { name: 'Add tag reading' }));
    expect(textbox('Tags').value).toBe('Work, reading');
    expect(screen.queryByRole('group', { name: 'Suggested tags' })).toBeNull();
  });
});

describe('keys', () => {
  it('saves on Enter in Title, URL and Tags', async () => {
    const h = await showPopup();
    for (const [i, name] of ['Title', 'URL', 'Tags'].entries()) {
      fireEvent.keyDown(textbox(name), { key: 'Enter' });
      await waitFor(() => expect(h.save).toHaveBeenCalledTimes(i + 1));
      // Each save is real: let it finish before the next key, which the popup would ignore while saving.
      await act(async () => void (await h.save.mock.results[i]!.value));
    }
    // The same page for the same destination, still pending: one record, not three.
    expect(await h.outbox.list()).toHaveLength(1);
  });

  it('saves on Ctrl+Enter and Cmd+Enter in Note, but plain Enter there is a new line', async () => {
    const h = await showPopup();
    const note = textbox('Note');
    expect(note.tagName).toBe('TEXTAREA');
    const plain = fireEvent.keyDown(note, { key: 'Enter' });
    expect(plain).toBe(true); // not prevented: the textarea gets its line break
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();

    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(h.save).toHaveBeenCalledOnce());
    await act(async () => void (await h.save.mock.results[0]!.value));
    fireEvent.keyDown(note, { key: 'Enter', metaKey: true });
    await waitFor(() => expect(h.save).toHaveBeenCalledTimes(2));
  });

  it('closes on Escape from any field, and other keys do nothing', async () => {
    const h = await showPopup();
    fireEvent.keyDown(textbox('Tags'), { key: 'a' });
    expect(h.close).not.toHaveBeenCalled();
    fireEvent.keyDown(textbox('Note'), { key: 'Escape' });
    expect(h.close).toHaveBeenCalledOnce();
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();
  });

  it('closes on Escape also when there is no destination yet', async () => {
    const h = await showPopup({ destinations: [] });
    const add = screen.getByRole('button', { name: 'Add a destination' });
    add.focus();
    fireEvent.keyDown(add, { key: 'Escape' });
    expect(h.close).toHaveBeenCalledOnce();
  });
});

describe('saving', () => {
  it('disables Save and ignores more Enters while the save is under way, then watches the new record', async () => {
    const h = await showPopup();
    const pending = deferred<{ ok: true; recordId: string }>();
    h.save.mockReturnValueOnce(pending.promise);
    fireEvent.keyDown(textbox('Title'), { key: 'Enter' });
    await waitFor(() => expect(saveButton()).toHaveProperty('disabled', true));
    fireEvent.keyDown(textbox('Title'), { key: 'Enter' });
    fireEvent.keyDown(textbox('Note'), { key: 'Enter', ctrlKey: true });
    fireEvent.submit(saveButton().closest('form')!);
    await act(() => Promise.resolve());
    expect(h.save).toHaveBeenCalledOnce();
    expect(statuses()).toHaveLength(1);
    expect(h.watch).not.toHaveBeenCalled();

    await act(async () => pending.resolve({ ok: true, recordId: 'record-7' }));
    await waitFor(() => expect(saveButton()).toHaveProperty('disabled', false));
    expect(h.watch).toHaveBeenCalledOnce();
    expect(h.watch.mock.calls[0]![0]).toBe('record-7');
  });
});

describe('after saving, the one status says what the outbox says', () => {
  it('queued, then saved, in the same status element', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    const status = h.status();
    await waitFor(() => expect(status.textContent).toBe(en('statusQueued', { dest: 'Team wiki' })));
    await h.settle('synced', { result: { id: 'k-1' } });
    await waitFor(() => expect(status.textContent).toBe(en('statusSavedResult', { dest: 'Team wiki', noun: en('resultNounSharely'), result: 'k-1' })));
    expect(h.status()).toBe(status);
    expect(statuses()).toHaveLength(1);
  });

  it('queued with the reason and the next try while the destination is unreachable', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    await h.settle('retry', { error: keeplinkError('network', { retryable: true }) });
    const time = new Date(T0 + 60_000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const reason = en('errorNetwork', { dest: 'Sharely' });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusQueuedNetwork', { dest: 'Team wiki', reason, time })));
    expect(statuses()).toHaveLength(1);
  });

  it('paused, saying why and what to do', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    await h.settle('paused', { error: keeplinkError('auth-expired', { status: 401, serverCode: 'API_KEY_EXPIRED' }) });
    const reason = en('errorAuthExpired', { dest: 'Sharely', code: ' (API_KEY_EXPIRED)' });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusPaused', { reason })));
    expect(statuses()).toHaveLength(1);
  });

  it('failed, with the server’s own words', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    await h.settle('failed', { error: keeplinkError('unprocessable', { status: 422, serverMessage: 'title is not allowed' }) });
    const reason = `${en('errorUnprocessable', { dest: 'Sharely', code: ' (422)' })} ${en('errorServerSaid', { dest: 'Sharely', message: 'title is not allowed' })}`;
    await waitFor(() => expect(h.status().textContent).toBe(en('statusFailed', { reason })));
    expect(statuses()).toHaveLength(1);
  });

  it('says Queued while the request is in flight', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    await h.settle('sending');
    await waitFor(() => expect(h.status().textContent).toBe(en('statusSending', { dest: 'Team wiki' })));
  });

  it('stops watching when the popup goes away', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    expect(h.unwatch).not.toHaveBeenCalled();
    cleanup();
    await waitFor(() => expect(h.unwatch).toHaveBeenCalledOnce());
  });
});

describe('failed before anything was queued', () => {
  it('says Failed in the status and puts the message at the field at fault', async () => {
    const h = await showPopup();
    const length = CAPTURE_LIMITS.title + 1;
    fireEvent.input(textbox('Title'), { target: { value: 'x'.repeat(length) } });
    const text = en('errorFieldTooLong', { field: en('fieldTitle'), dest: 'Team wiki', length, max: CAPTURE_LIMITS.title });
    fireEvent.keyDown(textbox('Title'), { key: 'Enter' });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusFailed', { reason: text })));
    const title = textbox('Title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(title.getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe(text);
    expect(textbox('URL').getAttribute('aria-invalid')).toBeNull();
    expect(h.watch).not.toHaveBeenCalled();
    expect(statuses()).toHaveLength(1);
    // Nothing was queued, so there is no result to copy.
    expect(await h.outbox.list()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show QR code' })).toBeNull();
  });

  it('clears the field message when a later save succeeds', async () => {
    const h = await showPopup();
    fireEvent.input(textbox('URL'), { target: { value: 'https://' } });
    fireEvent.keyDown(textbox('URL'), { key: 'Enter' });
    await waitFor(() => expect(textbox('URL').getAttribute('aria-invalid')).toBe('true'));
    fireEvent.input(textbox('URL'), { target: { value: 'https://example.com/fixed' } });
    fireEvent.keyDown(textbox('URL'), { key: 'Enter' });
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    expect(textbox('URL').getAttribute('aria-invalid')).toBeNull();
    expect(document.querySelector('.field-error')).toBeNull();
  });
});

describe('the result', () => {
  const shortLink = 'https://go.shortpen.com/summer-2025';
  const shortPen = () => showPopup({ initial: { destinationId: 'dest-b' } });
  const synced = (h: Awaited<ReturnType<typeof showPopup>>, result: { link?: string; qrPng?: string; id?: string }) => h.settle('synced', { result });

  it('shows a short link as a link, with Copy link and Open link', async () => {
    const h = await shortPen();
    await saveAndWatch(h);
    await synced(h, { link: shortLink });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusSavedResult', { dest: 'Short links', noun: en('resultNounShortpen'), result: shortLink })));
    const links = screen.getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      [shortLink, shortLink],
      ['Open link', shortLink],
    ]);
    for (const a of links) expect(a.getAttribute('rel')).toContain('noopener');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('“Copy link” copies the link and confirms without a second status', async () => {
    const h = await shortPen();
    await saveAndWatch(h);
    await synced(h, { link: shortLink });
    const before = h.status().textContent;
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(h.copy).toHaveBeenCalledExactlyOnceWith(shortLink);
    expect(await screen.findByText(en('resultCopied'))).toBeTruthy();
    expect(statuses()).toHaveLength(1);
    expect(h.status().textContent).toBe(before);
  });

  it('never turns a non-http(s) result into an href', async () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://files.example.com/x']) {
      const h = await shortPen();
      await saveAndWatch(h);
      await synced(h, { link });
      await screen.findByText(link);
      expect(screen.getByText(link).closest('a')).toBeNull();
      expect(screen.queryByRole('link')).toBeNull();
      expect(screen.queryByRole('link', { name: 'Open link' })).toBeNull();
      // It can still be copied as text.
      fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
      expect(h.copy).toHaveBeenCalledWith(link);
      cleanup();
    }
  });

  it('shows ShortPen’s own QR PNG as an image "QR code", without rendering one locally', async () => {
    const h = await shortPen();
    await saveAndWatch(h);
    await synced(h, { link: shortLink, qrPng: 'iVBORw0KGgo=' });
    const image = screen.getByRole('img', { name: 'QR code' });
    expect(image.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(screen.queryByRole('button', { name: 'Show QR code' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Download PNG' })).toBeTruthy();
    expect(h.renderQr).not.toHaveBeenCalled();
  });

  it('renders a QR code for the link only when asked', async () => {
    const h = await shortPen();
    await saveAndWatch(h);
    await synced(h, { link: shortLink });
    expect(screen.queryByRole('img')).toBeNull();
    expect(h.renderQr).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    expect(h.renderQr).toHaveBeenCalledExactlyOnceWith(shortLink);
    expect((await screen.findByRole('img', { name: 'QR code' })).getAttribute('src')).toBe(LOCAL_QR);
    expect(screen.queryByRole('button', { name: 'Show QR code' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Download PNG' })).toBeTruthy();
  });

  it('shows the QR code in place of the form; Back brings the form back as it was, and Show QR code again', async () => {
    const h = await shortPen();
    fireEvent.input(textbox('Note'), { target: { value: 'kept' } });
    await saveAndWatch(h);
    await synced(h, { link: shortLink });
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    await screen.findByRole('img', { name: 'QR code' });
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    const back = screen.getByRole('button', { name: 'Back' });
    await waitFor(() => expect(document.activeElement).toBe(back));
    // The one-line result stays under it.
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    fireEvent.click(back);
    expect(screen.queryByRole('img', { name: 'QR code' })).toBeNull();
    expect(textbox('Note').value).toBe('kept');
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    expect(await screen.findByRole('img', { name: 'QR code' })).toBeTruthy();
    // Rendered once, shown again from memory.
    expect(h.renderQr).toHaveBeenCalledOnce();
  });

  it('“Download PNG” downloads the QR image that is shown', async () => {
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const h = await shortPen();
    await saveAndWatch(h);
    await synced(h, { link: shortLink, qrPng: 'iVBORw0KGgo=' });
    fireEvent.click(screen.getByRole('button', { name: 'Download PNG' }));
    await waitFor(() => expect(clicked).toEqual([{ href: 'data:image/png;base64,iVBORw0KGgo=', download: 'keeplink-qr.png' }]));
  });

  it('with no result link, offers a QR code of the page URL and nothing to copy', async () => {
    const h = await showPopup();
    await saveAndWatch(h);
    await h.settle('synced', { result: { id: 'k-1' } });
    await screen.findByRole('button', { name: 'Show QR code' });
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    expect(h.renderQr).toHaveBeenCalledExactlyOnceWith(PAGE_URL);
    expect(await screen.findByRole('img', { name: 'QR code' })).toBeTruthy();
  });
});

describe('already saved', () => {
  it('says when the page was delivered there, in the user’s locale, and asks again for the other destination', async () => {
    const at = Date.UTC(2026, 2, 14, 9, 30);
    const h = await showPopup({ delivered: at });
    const expected = en('popupAlreadySaved', { date: new Date(at).toLocaleDateString(undefined, { dateStyle: 'medium' }) });
    expect(await screen.findByText(expected)).toBeTruthy();
    expect(h.deliveredAt).toHaveBeenCalledWith(PAGE_URL, 'dest-a');
    // It is a notice, not the outcome: the status stays empty and Save stays available.
    expect(h.status().textContent).toBe('');
    expect(saveButton()).toHaveProperty('disabled', false);

    // Never delivered to Short links: the notice goes.
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-b' } });
    await waitFor(() => expect(h.deliveredAt).toHaveBeenLastCalledWith(PAGE_URL, 'dest-b'));
    await waitFor(() => expect(screen.queryByText(enStart('popupAlreadySaved'))).toBeNull());
  });

  it('goes away once the page is saved again', async () => {
    const h = await showPopup({ delivered: T0 });
    await screen.findByText(enStart('popupAlreadySaved'));
    await saveAndWatch(h);
    expect(screen.queryByText(enStart('popupAlreadySaved'))).toBeNull();
  });

  it('ignores an answer that arrives after the user moved on to another destination', async () => {
    const h = await showPopup();
    await waitFor(() => expect(h.deliveredAt).toHaveBeenCalledOnce());
    const slow = deferred<number | undefined>();
    h.deliveredAt.mockReturnValueOnce(slow.promise);
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-b' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), { target: { value: 'dest-c' } });
    await waitFor(() => expect(h.deliveredAt).toHaveBeenCalledTimes(3));
    await act(async () => slow.resolve(T0));
    expect(screen.queryByText(enStart('popupAlreadySaved'))).toBeNull();
  });
});

describe('canonical URL', () => {
  it('appears only when the page’s canonical URL differs, and switches the URL field both ways', async () => {
    const canonical = 'https://example.com/articles/how-to-keep-links';
    const h = await showPopup({ metadata: { canonical } });
    const box = await screen.findByRole('checkbox', { name: 'Use canonical URL' });
    expect(box).toHaveProperty('checked', false);
    fireEvent.click(box);
    expect(textbox('URL').value).toBe(canonical);
    expect(screen.getByRole('checkbox', { name: 'Use canonical URL' })).toHaveProperty('checked', true);
    // The duplicate check follows the URL that would be saved.
    await waitFor(() => expect(h.deliveredAt).toHaveBeenLastCalledWith(canonical, 'dest-a'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Use canonical URL' }));
    expect(textbox('URL').value).toBe(PAGE_URL);
  });

  it('does not appear when the canonical URL is the tab’s, up to a fragment, or absent', async () => {
    for (const metadata of [{ canonical: PAGE_URL }, { canonical: `${PAGE_URL}#top` }, { ogSiteName: 'Example' }]) {
      const h = await showPopup({ metadata });
      await waitFor(() => expect(h.loadMetadata).toHaveBeenCalled());
      await act(() => Promise.resolve());
      expect(screen.queryByRole('checkbox', { name: 'Use canonical URL' })).toBeNull();
      cleanup();
    }
  });
});

describe('not a web page', () => {
  const problem = en('errorUrlNotWeb', { url: 'chrome://settings' });

  it('says so at once in the one status', async () => {
    await showPopup({ initial: { url: 'chrome://settings', title: 'Settings' }, problem });
    expect(statuses()).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe(problem);
  });

  it('says so even when no destination is configured', async () => {
    await showPopup({ initial: { url: 'chrome://settings' }, destinations: [], problem });
    expect(statuses()).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe(problem);
  });
});

describe('first run', () => {
  it('with no destination, says so and “Add a destination” opens the options', async () => {
    const h = await showPopup({ destinations: [] });
    expect(screen.getByText(en('popupNoDestination'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(statuses()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Add a destination' }));
    expect(h.openOptions).toHaveBeenCalledOnce();
    expect(h.save).not.toHaveBeenCalled();
  });
});

describe('History tab', () => {
  it('loads the History view only when its tab is chosen, and keeps one status', async () => {
    const h = await showPopup();
    expect(screen.getByRole('tab', { name: 'Capture' }).getAttribute('aria-selected')).toBe('true');
    expect(h.loadHistory).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    const list = await screen.findByRole('region', { name: 'History list' });
    expect(h.loadHistory).toHaveBeenCalledOnce();
    expect(statuses()).toHaveLength(1);
    fireEvent.click(within(list).getByRole('button', { name: 'Open options from history' }));
    expect(h.openOptions).toHaveBeenCalledOnce();
    fireEvent.keyDown(within(list).getByRole('button'), { key: 'Escape' });
    expect(h.close).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole('tab', { name: 'Capture' }));
    expect(textbox('Title').value).toBe(PAGE_TITLE);
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    await screen.findByRole('region', { name: 'History list' });
    expect(h.loadHistory).toHaveBeenCalledOnce();
  });

  it('opens on History when asked', async () => {
    const h = await showPopup({ initialTab: 'history' });
    expect(await screen.findByRole('region', { name: 'History list' })).toBeTruthy();
    expect(h.loadHistory).toHaveBeenCalledOnce();
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
  });
});

describe('the page’s selection', () => {
  it('is shown quoted in an empty note, so nothing of it goes out unseen', async () => {
    await showPopup({ metadata: { selection: 'first\nsecond' } });
    await waitFor(() => expect(textbox('Note').value).toBe('> first\n> second'));
  });

  it('never replaces a note the user already wrote', async () => {
    const h = await showPopup({ initial: { note: 'mine' }, metadata: { selection: 'page text' } });
    await waitFor(() => expect(h.loadMetadata).toHaveBeenCalled());
    await act(() => Promise.resolve());
    expect(textbox('Note').value).toBe('mine');
  });
});
