// @vitest-environment happy-dom
// Issue 12, one-click save: "Save immediately when I open the popup" waits 5 s with Undo before anything reaches the
// outbox; "Close the popup after a successful save" closes on delivery, never after an input since Save. The popup's
// timers run on a fake clock (the harness's), so every boundary is checked exactly, with no sleep.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { keeplinkError } from '../../../lib/errors';
import { T0 } from '../outbox/fixtures';
import { en } from './locale';
import { showPopup, textbox, type PopupHarness } from './popup-harness';

afterEach(cleanup);

const saveButton = () => screen.getByRole('button', { name: 'Save' });
const undoButton = () => screen.queryByRole('button', { name: 'Undo' });
const stored = async (h: PopupHarness) => (await h.outbox.list({ limit: 10 })).length;

/** The popup has asked whether the page is saved there already, and heard back. */
async function settledOpen(h: PopupHarness) {
  await waitFor(() => expect(h.deliveredAt).toHaveBeenCalled());
  await act(() => h.deliveredAt.mock.results[0]!.value);
}

describe('Save immediately when I open the popup', () => {
  it('saves by itself when the 5 s Undo window ends, and nothing is stored or flushed a moment before', async () => {
    const h = await showPopup({ saveOnOpen: true });
    await settledOpen(h);
    expect(h.status().textContent).toBe(en('popupSavingSoon', { seconds: 5 }));
    expect(undoButton()).not.toBeNull();
    // The form is still there to read and change.
    expect(textbox('Title').value).toBe('How to keep links');

    h.timers.elapse(4999);
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();
    expect(h.requestFlush).not.toHaveBeenCalled();
    expect(await stored(h)).toBe(0);
    expect(undoButton()).not.toBeNull();

    h.timers.elapse(1);
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    expect(h.save).toHaveBeenCalledOnce();
    expect(h.requestFlush).toHaveBeenCalledOnce();
    expect(await stored(h)).toBe(1);
    expect(undoButton()).toBeNull();
    await waitFor(() => expect(h.status().textContent).toBe(en('statusQueued', { dest: 'Team wiki' })));
  });

  it('Undo: nothing is ever stored, sent or flushed, and Save still saves', async () => {
    const h = await showPopup({ saveOnOpen: true });
    await settledOpen(h);
    h.timers.elapse(3000);
    fireEvent.click(undoButton()!);
    expect(h.status().textContent).toBe(en('popupUndone'));
    // Undo is not an edit: what the status says stays.
    fireEvent.input(textbox('Note'), { target: { value: 'x' } });
    expect(h.status().textContent).toBe(en('popupUndone'));
    expect(undoButton()).toBeNull();
    expect(h.timers.pending()).toBe(0);
    h.timers.elapse(60_000);
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();
    expect(h.requestFlush).not.toHaveBeenCalled();
    expect(await stored(h)).toBe(0);

    fireEvent.click(saveButton());
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    expect(await stored(h)).toBe(1);
  });

  it('an edit during the window stops it: the user saves when done, with what they typed', async () => {
    const h = await showPopup({ saveOnOpen: true });
    await settledOpen(h);
    h.timers.elapse(2000);
    fireEvent.input(textbox('Note'), { target: { value: 'Read before Friday' } });
    expect(h.status().textContent).toBe(en('popupAutoSaveStopped'));
    expect(undoButton()).toBeNull();
    h.timers.elapse(10_000);
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();

    fireEvent.click(saveButton());
    await waitFor(() => expect(h.save).toHaveBeenCalledOnce());
    expect(h.save.mock.calls[0]![0].note).toBe('Read before Friday');
    // From Save on, the status is the save's, also while the user goes on typing.
    fireEvent.input(textbox('Tags'), { target: { value: 'later' } });
    await waitFor(() => expect(h.status().textContent).toBe(en('statusQueued', { dest: 'Team wiki' })));
  });

  it('Save during the window saves at once, and only once', async () => {
    const h = await showPopup({ saveOnOpen: true });
    await settledOpen(h);
    fireEvent.click(saveButton());
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    expect(undoButton()).toBeNull();
    h.timers.elapse(5000);
    await act(() => Promise.resolve());
    expect(h.save).toHaveBeenCalledOnce();
    expect(await stored(h)).toBe(1);
  });

  it('does not save a page again that is already saved there; Save still can', async () => {
    const h = await showPopup({ saveOnOpen: true, delivered: T0 - 86_400_000 });
    await waitFor(() => expect(h.status().textContent).toBe(en('popupAutoSaveSkipped')));
    expect(undoButton()).toBeNull();
    h.timers.elapse(5000);
    await act(() => Promise.resolve());
    expect(h.save).not.toHaveBeenCalled();
    expect(await stored(h)).toBe(1);
  });

  it('is off by default, and never starts on a tab that cannot be saved or in the History view', async () => {
    const off = await showPopup();
    await settledOpen(off);
    expect(undoButton()).toBeNull();
    expect(off.schedule).not.toHaveBeenCalled();
    cleanup();

    const notWeb = await showPopup({ saveOnOpen: true, problem: 'Keeplink can only save web pages.' });
    expect(notWeb.schedule).not.toHaveBeenCalled();
    expect(undoButton()).toBeNull();
    cleanup();

    const history = await showPopup({ saveOnOpen: true, initialTab: 'history' });
    expect(history.schedule).not.toHaveBeenCalled();
  });
});

describe('Close the popup after a successful save', () => {
  it('closes once the capture is delivered, not while it is only queued', async () => {
    const h = await showPopup({ closeAfterSave: true });
    fireEvent.click(saveButton());
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    await waitFor(() => expect(h.status().textContent).toBe(en('statusQueued', { dest: 'Team wiki' })));
    expect(h.close).not.toHaveBeenCalled();
    await h.settle('synced', { result: { id: 'k-1' } });
    await waitFor(() => expect(h.close).toHaveBeenCalledOnce());
  });

  it('never after an input since Save: the user is still typing', async () => {
    const h = await showPopup({ closeAfterSave: true });
    fireEvent.click(saveButton());
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    fireEvent.input(textbox('Tags'), { target: { value: 'later' } });
    await h.settle('synced', { result: { id: 'k-1' } });
    expect(h.close).not.toHaveBeenCalled();
  });

  it('stays open for a QR code to scan, and for a capture that failed', async () => {
    const qr = await showPopup({ closeAfterSave: true, initial: { destinationId: 'dest-b' } });
    fireEvent.click(saveButton());
    await waitFor(() => expect(qr.watch).toHaveBeenCalledOnce());
    await qr.settle('synced', { result: { id: 's-1', link: 'https://sho.rt/abc', qrPng: 'iVBORw0KGgo=' } });
    await screen.findByRole('img', { name: 'QR code' });
    expect(qr.close).not.toHaveBeenCalled();
    cleanup();

    const failed = await showPopup({ closeAfterSave: true });
    fireEvent.click(saveButton());
    await waitFor(() => expect(failed.watch).toHaveBeenCalledOnce());
    await failed.settle('failed', { error: keeplinkError('unprocessable', { status: 422, serverMessage: 'title is not allowed' }) });
    expect(failed.close).not.toHaveBeenCalled();
  });

  it('with both preferences, one-click save closes the popup after delivery', async () => {
    const h = await showPopup({ saveOnOpen: true, closeAfterSave: true });
    await settledOpen(h);
    h.timers.elapse(5000);
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    await h.settle('synced', { result: { id: 'k-1' } });
    await waitFor(() => expect(h.close).toHaveBeenCalledOnce());
  });

  it('does not close when the preference is off', async () => {
    const h = await showPopup();
    fireEvent.click(saveButton());
    await waitFor(() => expect(h.watch).toHaveBeenCalledOnce());
    await h.settle('synced', { result: { id: 'k-1' } });
    expect(h.close).not.toHaveBeenCalled();
  });
});
