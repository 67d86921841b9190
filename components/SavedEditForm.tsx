// Edits the note and tags of a delivered capture ("Save changes"); what the service can do with them is decided in lib/.
import { useState } from 'preact/hooks';
import type { SavedEdit } from '../lib/edit-after-save';
import { Field } from './Field';
import { EditForm } from './EditForm';
import { t } from './i18n';

/** Why an edit was not saved, and the field at fault if there is one. */
export interface EditProblem {
  text: string;
  field?: string | undefined;
}

export interface SavedEditFormProps {
  /** Makes the field ids unique in a list. */
  recordId: string;
  initial: SavedEdit;
  /**
   * Resolves with what stopped the save, already in words (the caller describes it: the error texts stay out of the
   * popup's first load), or undefined once it is done.
   */
  onSave: (edit: SavedEdit) => Promise<EditProblem | undefined>;
  onCancel: () => void;
}

export function SavedEditForm({ recordId, initial, onSave, onCancel }: SavedEditFormProps) {
  const [edit, setEdit] = useState(initial);
  const [error, setError] = useState<EditProblem>();

  const set = (key: keyof SavedEdit) => (value: string) => setEdit((current) => ({ ...current, [key]: value }));
  const id = (name: string) => `saved-edit-${name}-${recordId}`;
  const at = (field: string) => (error?.field === field ? error.text : undefined);

  return (
    <EditForm label={t('editSavedLabel')} submitLabel={t('editSaveChanges')} focus="textarea" submit={() => onSave(edit)} onResult={setError} onCancel={onCancel}>
      <Field id={id('note')} label={t('fieldNote')} value={edit.note} onInput={set('note')} error={at('note')} multiline />
      <Field id={id('tags')} label={t('fieldTags')} value={edit.tags} onInput={set('tags')} error={at('tags')} placeholder={t('popupTagsPlaceholder')} />
      {error && error.field !== 'note' && error.field !== 'tags' && <p class="field-error">{error.text}</p>}
    </EditForm>
  );
}
