// @vitest-environment happy-dom
// Issue 12, tags: the Tags field completes the tag under the caret from earlier captures' tags, by keyboard alone
// (ArrowDown/ArrowUp choose, Enter or Tab accepts, Escape closes only the list), and can take the focus first.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { showPopup, textbox, type PopupHarness } from './popup-harness';

afterEach(cleanup);

// Most used first: reading ×3, research ×2, then the rest once.
const HISTORY = [['reading', 'work'], ['reading', 'research'], ['reading', 'research'], ['to-read'], ['later']];

/** The listbox the Tags field controls (hidden while it has nothing to offer). */
const listbox = () => document.getElementById(textbox('Tags').getAttribute('aria-controls')!)!;
const shown = () => within(screen.getByRole('listbox', { name: 'Matching tags' }));
const options = () => (listbox().hidden ? [] : shown().queryAllByRole('option').map((o) => o.textContent));
const selected = () => shown().queryAllByRole('option').filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.textContent);
const key = (name: string) => fireEvent.keyDown(textbox('Tags'), { key: name });

/** Types once the popup knows the history's tags (their chips show), or knows there are none. */
async function typeTags(h: PopupHarness, value: string) {
  await waitFor(() => expect(h.suggestTags).toHaveBeenCalled());
  const known = await h.suggestTags.mock.results[0]!.value;
  if (known.length) await screen.findByRole('group', { name: 'Suggested tags' });
  fireEvent.input(textbox('Tags'), { target: { value } });
}

describe('tag completion', () => {
  it('lists earlier tags that match what is typed, and the keys choose among them without leaving the field', async () => {
    const h = await showPopup({ tags: HISTORY });
    await typeTags(h, 're');
    expect(listbox().hidden).toBe(false);
    expect(options()).toEqual(['reading', 'research', 'to-read']);
    expect(listbox().getAttribute('role')).toBe('listbox');
    expect(textbox('Tags').getAttribute('aria-autocomplete')).toBe('list');
    expect(textbox('Tags').hasAttribute('aria-activedescendant')).toBe(false);

    key('ArrowDown');
    expect(selected()).toEqual(['reading']);
    const active = () => document.getElementById(textbox('Tags').getAttribute('aria-activedescendant')!)?.textContent;
    expect(active()).toBe('reading');
    key('ArrowDown');
    key('ArrowDown');
    expect(active()).toBe('to-read');
    key('ArrowDown');
    expect(active()).toBe('reading');
    key('ArrowUp');
    expect(active()).toBe('to-read');

    key('Enter');
    expect(textbox('Tags').value).toBe('to-read, ');
    expect(listbox().hidden).toBe(true);
    expect(h.save).not.toHaveBeenCalled();
  });

  it('Tab accepts the chosen tag in place of the one at the caret, keeping the others', async () => {
    const h = await showPopup({ tags: HISTORY });
    await typeTags(h, 'work, res');
    key('ArrowDown');
    key('Tab');
    expect(textbox('Tags').value).toBe('work, research, ');
    // Offered again only what the field does not have yet.
    fireEvent.input(textbox('Tags'), { target: { value: 'work, research, r' } });
    expect(options()).toEqual(['reading', 'later', 'to-read']);
  });

  it('Escape closes the list and only the list; a second Escape closes the popup', async () => {
    const h = await showPopup({ tags: HISTORY });
    await typeTags(h, 'la');
    expect(options()).toEqual(['later']);
    key('Escape');
    expect(listbox().hidden).toBe(true);
    expect(h.close).not.toHaveBeenCalled();
    expect(textbox('Tags').value).toBe('la');
    key('Escape');
    expect(h.close).toHaveBeenCalledOnce();
  });

  it('Enter with no option chosen saves, as in every field; ArrowDown reopens a closed list', async () => {
    const h = await showPopup({ tags: HISTORY });
    await typeTags(h, 'rea');
    key('Escape');
    key('ArrowDown');
    expect(selected()).toEqual(['reading']);
    key('Escape');
    key('Enter');
    await waitFor(() => expect(h.save).toHaveBeenCalledOnce());
    expect(h.save.mock.calls[0]![0].tags).toBe('rea');
  });

  it('a click on an option accepts it too', async () => {
    const h = await showPopup({ tags: HISTORY });
    await typeTags(h, 'to');
    fireEvent.click(shown().getByRole('option', { name: 'to-read' }));
    expect(textbox('Tags').value).toBe('to-read, ');
  });

  it('offers nothing when there is no history, or nothing typed', async () => {
    const h = await showPopup();
    await typeTags(h, 're');
    expect(options()).toEqual([]);
    expect(listbox().hidden).toBe(true);
  });
});

describe('Focus the Tags field first', () => {
  it('puts the caret in Tags when on; off, Title keeps its autofocus', async () => {
    const on = await showPopup({ focusTagsFirst: true });
    await waitFor(() => expect(on.suggestTags).toHaveBeenCalled());
    expect(document.activeElement).toBe(textbox('Tags'));
    cleanup();
    const off = await showPopup();
    await waitFor(() => expect(off.suggestTags).toHaveBeenCalled());
    expect(document.activeElement).not.toBe(textbox('Tags'));
    expect(textbox('Title').autofocus).toBe(true);
  });
});
