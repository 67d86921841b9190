// Preferences: tracking parameters, notifications, history retention, and deleting all local data.
import type { Preferences } from '../lib/settings';
import { t } from './i18n';

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
      <h2 id="prefs-heading">{t('prefsHeading')}</h2>
      <label class="check">
        <input type="checkbox" checked={preferences.stripTracking} onChange={(e) => onChange({ stripTracking: (e.currentTarget as HTMLInputElement).checked })} />
        {t('prefsStripTracking')}
      </label>
      <label class="check">
        <input type="checkbox" checked={preferences.notifications} onChange={(e) => onChange({ notifications: (e.currentTarget as HTMLInputElement).checked })} />
        {t('prefsNotifications')}
      </label>
      <div class="row">
        <div class="field">
          <label for="retention-days">{t('prefsRetentionDays')}</label>
          <input
            id="retention-days"
            type="text"
            inputMode="numeric"
            value={String(preferences.retentionDays)}
            onChange={(e) => onChange({ retentionDays: numberFrom(e.currentTarget as HTMLInputElement, preferences.retentionDays) })}
          />
        </div>
        <div class="field">
          <label for="retention-max">{t('prefsRetentionMax')}</label>
          <input
            id="retention-max"
            type="text"
            inputMode="numeric"
            value={String(preferences.retentionMaxRecords)}
            onChange={(e) => onChange({ retentionMaxRecords: numberFrom(e.currentTarget as HTMLInputElement, preferences.retentionMaxRecords) })}
          />
        </div>
      </div>
      <p class="hint">{t('prefsRetentionHint')}</p>
      <button type="button" class="danger" onClick={onDeleteAll}>
        {t('prefsDeleteAll')}
      </button>
    </section>
  );
}
