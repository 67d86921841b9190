// Preferences: tracking parameters, notifications, history retention, and deleting all local data.
import type { Preferences } from '../lib/settings';

export interface PreferencesFormProps {
  preferences: Preferences;
  /** Synchronous: turning notifications on asks for the permission inside the click. */
  onChange: (patch: Partial<Preferences>) => void;
  onDeleteAll: () => void;
}

const numberFrom = (input: HTMLInputElement, fallback: number) => {
  const value = Number(input.value);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export function PreferencesForm({ preferences, onChange, onDeleteAll }: PreferencesFormProps) {
  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">Preferences</h2>
      <label class="check">
        <input type="checkbox" checked={preferences.stripTracking} onChange={(e) => onChange({ stripTracking: (e.currentTarget as HTMLInputElement).checked })} />
        Remove tracking parameters (utm_*, fbclid, gclid, …) from saved links
      </label>
      <label class="check">
        <input type="checkbox" checked={preferences.notifications} onChange={(e) => onChange({ notifications: (e.currentTarget as HTMLInputElement).checked })} />
        Show a notification after saving from the menu or a shortcut
      </label>
      <div class="row">
        <div class="field">
          <label for="retention-days">Keep delivered history (days)</label>
          <input
            id="retention-days"
            type="text"
            inputMode="numeric"
            value={String(preferences.retentionDays)}
            onChange={(e) => onChange({ retentionDays: numberFrom(e.currentTarget as HTMLInputElement, preferences.retentionDays) })}
          />
        </div>
        <div class="field">
          <label for="retention-max">Keep at most (delivered captures)</label>
          <input
            id="retention-max"
            type="text"
            inputMode="numeric"
            value={String(preferences.retentionMaxRecords)}
            onChange={(e) => onChange({ retentionMaxRecords: numberFrom(e.currentTarget as HTMLInputElement, preferences.retentionMaxRecords) })}
          />
        </div>
      </div>
      <p class="hint">Captures that are queued, paused or failed are never removed automatically.</p>
      <button type="button" class="danger" onClick={onDeleteAll}>
        Delete all local data
      </button>
    </section>
  );
}
