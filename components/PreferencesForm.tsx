// Preferences: tracking parameters, notifications, history retention, and deleting all local data.
import type { Preferences } from '../lib/settings';
import { t } from './i18n';
import { WholeNumberField } from './WholeNumberField';

export interface PreferencesFormProps {
  preferences: Preferences;
  /** Synchronous: turning notifications on asks for the permission inside the click. */
  onChange: (patch: Partial<Preferences>) => void;
  onDeleteAll: () => void;
}

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
      <label class="check">
        <input
          type="checkbox"
          checked={preferences.includeSelection}
          onChange={(e) => onChange({ includeSelection: (e.currentTarget as HTMLInputElement).checked })}
        />
        {t('prefsIncludeSelection')}
      </label>
      <div class="row">
        <WholeNumberField id="retention-days" label={t('prefsRetentionDays')} value={preferences.retentionDays} onChange={(retentionDays) => onChange({ retentionDays })} />
        <WholeNumberField
          id="retention-max"
          label={t('prefsRetentionMax')}
          value={preferences.retentionMaxRecords}
          onChange={(retentionMaxRecords) => onChange({ retentionMaxRecords })}
        />
      </div>
      <p class="hint">{t('prefsRetentionHint')}</p>
      <button type="button" class="danger" onClick={onDeleteAll}>
        {t('prefsDeleteAll')}
      </button>
    </section>
  );
}
