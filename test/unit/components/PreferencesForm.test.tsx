// @vitest-environment happy-dom
// The preferences that change what a save does without asking: each off unless the user turns it on.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreferencesForm } from '../../../components/PreferencesForm';
import { DEFAULT_PREFERENCES } from '../../../lib/settings';

afterEach(cleanup);

describe('PreferencesForm', () => {
  it('offers "Include selected text when saving without the popup", off by default, and saves a change', () => {
    const onChange = vi.fn();
    render(<PreferencesForm preferences={DEFAULT_PREFERENCES} onChange={onChange} onDeleteAll={() => undefined} />);
    const box = screen.getByRole('checkbox', { name: 'Include selected text when saving without the popup' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith({ includeSelection: true });
  });

  it.each([
    ['Save immediately when I open the popup', 'saveOnOpen'],
    ['Close the popup after a successful save', 'closeAfterSave'],
  ] as const)('offers "%s", off by default, and saves a change', (name, key) => {
    const onChange = vi.fn();
    expect(DEFAULT_PREFERENCES[key]).toBe(false);
    render(<PreferencesForm preferences={DEFAULT_PREFERENCES} onChange={onChange} onDeleteAll={() => undefined} />);
    const box = screen.getByRole('checkbox', { name }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith({ [key]: true });
  });
});
