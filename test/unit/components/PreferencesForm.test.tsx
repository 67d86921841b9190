// @vitest-environment happy-dom
// The preference that lets menu and shortcut saves carry the selection: off unless the user turns it on.
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
});
