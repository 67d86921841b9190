// Preferences: tracking parameters, notifications, the popup's behaviour, history retention, and deleting all local data.
import type { Preferences } from '../lib/settings';
import { t } from './i18n';
import { ManagedBadge } from './ManagedBadge';
import { WholeNumberField } from './WholeNumberField';

export interface PreferencesFormProps {
  preferences: Preferences;
  /** Synchronous: turning notifications on asks for the permission inside the click. */
  onChange: (patch: Partial<Preferences>) => void;
  onDeleteAll: () => void;
  /** Preferences the organization's policy sets: shown disabled, with a note saying so. */
  managed?: readonly string[] | undefined;
}

type BooleanKey = 'stripTracking' | 'notifications' | 'includeSelection' | 'saveOnOpen' | 'closeAfterSave';
type NumberKey = 'retentionDays' | 'retentionMaxRecords';

export function PreferencesForm({ preferences, onChange, onDeleteAll, managed = [] }: PreferencesFormProps) {
  const noteId = (key: keyof Preferences) => (managed.includes(key) ? `prefs-managed-${key}` : undefined);
  const note = (key: keyof Preferences) => noteId(key) && <ManagedBadge id={noteId(key)} />;
  const check = (key: BooleanKey, label: string) => (
    <div class="row">
      <label class="check">
        <input
          type="checkbox"
          checked={preferences[key]}
          disabled={managed.includes(key)}
          aria-describedby={noteId(key)}
          onChange={(e) => onChange({ [key]: (e.currentTarget as HTMLInputElement).checked })}
        />
        {label}
      </label>
      {note(key)}
    </div>
  );
  const whole = (key: NumberKey, id: string, label: string) => (
    <>
      <WholeNumberField
        id={id}
        label={label}
        value={preferences[key]}
        disabled={managed.includes(key)}
        describedBy={noteId(key)}
        onChange={(value) => onChange({ [key]: value })}
      />
      {note(key)}
    </>
  );
  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('prefsHeading')}</h2>
      {check('stripTracking', t('prefsStripTracking'))}
      {check('notifications', t('prefsNotifications'))}
      {check('includeSelection', t('prefsIncludeSelection'))}
      {check('saveOnOpen', t('prefsSaveOnOpen'))}
      {check('closeAfterSave', t('prefsCloseAfterSave'))}
      <div class="row">
        {whole('retentionDays', 'retention-days', t('prefsRetentionDays'))}
        {whole('retentionMaxRecords', 'retention-max', t('prefsRetentionMax'))}
      </div>
      <p class="hint">{t('prefsRetentionHint')}</p>
      <button type="button" class="danger" onClick={onDeleteAll}>
        {t('prefsDeleteAll')}
      </button>
    </section>
  );
}
