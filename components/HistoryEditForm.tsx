// Edits a failed capture in place (title, note, tags, destination), then sends it again.
import { useState } from 'preact/hooks';
import type { KeeplinkError } from '../lib/errors';
import type { CaptureEdit } from '../lib/history';
import type { DestinationSummary } from '../lib/popup-form';
import { Field } from './Field';
import { EditForm } from './EditForm';
import { t } from './i18n';
import { describeError } from './messages';

export interface HistoryEditFormProps {
  /** Makes the field ids unique in the list. */
  recordId: string;
  initial: CaptureEdit;
  destinations: readonly DestinationSummary[];
  /** Resolves with the error that stopped the resend, or undefined once it is queued again. */
  onResend: (edit: CaptureEdit) => Promise<KeeplinkError | undefined>;
  onCancel: () => void;
}

const FIELDS_SHOWN = ['title', 'note', 'tags', 'destinationId'];

export function HistoryEditForm({ recordId, initial, destinations, onResend, onCancel }: HistoryEditFormProps) {
  const [edit, setEdit] = useState(initial);
  const [error, setError] = useState<KeeplinkError>();

  const known = destinations.some((d) => d.id === edit.destinationId);
  const destName = destinations.find((d) => d.id === edit.destinationId)?.name;
  const set = (key: keyof CaptureEdit) => (value: string) => setEdit((current) => ({ ...current, [key]: value }));
  const id = (name: string) => `edit-${name}-${recordId}`;
  const message = error && describeError(error, destName);
  const at = (field: string) => (error?.field === field ? message : undefined);

  return (
    <EditForm label={t('historyEditLabel')} submitLabel={t('historyResend')} focus="input" submit={() => onResend(edit)} onResult={setError} onCancel={onCancel}>
      <Field id={id('title')} label={t('fieldTitle')} value={edit.title} onInput={set('title')} error={at('title')} />
      <Field id={id('note')} label={t('fieldNote')} value={edit.note} onInput={set('note')} error={at('note')} multiline />
      <Field id={id('tags')} label={t('fieldTags')} value={edit.tags} onInput={set('tags')} error={at('tags')} placeholder={t('popupTagsPlaceholder')} />
      <div class="field">
        <label for={id('destination')}>{t('historySendTo')}</label>
        <select
          id={id('destination')}
          value={known ? edit.destinationId : ''}
          aria-invalid={at('destinationId') ? true : undefined}
          aria-describedby={at('destinationId') ? `${id('destination')}-error` : undefined}
          onChange={(event) => set('destinationId')((event.currentTarget as HTMLSelectElement).value)}
        >
          {!known && <option value="">{t('historyChooseDestination')}</option>}
          {destinations.map((destination) => (
            <option key={destination.id} value={destination.id}>
              {destination.name}
            </option>
          ))}
        </select>
        {at('destinationId') && (
          <p class="field-error" id={`${id('destination')}-error`}>
            {at('destinationId')}
          </p>
        )}
      </div>
      {error && !FIELDS_SHOWN.includes(error.field ?? '') && <p class="field-error">{message}</p>}
    </EditForm>
  );
}
