// "Choose collection" next to Linkwarden's Collection ID: the list is asked for only when the user presses it.
import { useState } from 'preact/hooks';
import type { PickerChoice } from '../lib/pickers/linkwarden-collections';
import { t } from './i18n';

export type PickerAnswer = { ok: true; choices: PickerChoice[] } | { ok: false; text: string };

export interface CollectionPickerProps {
  /** Called synchronously in the click: it may ask for host permission, which needs the gesture. */
  load: () => Promise<PickerAnswer>;
  value: string;
  onPick: (id: string) => void;
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; choices: PickerChoice[] } | { kind: 'failed'; text: string };

export function CollectionPicker({ load, value, onPick }: CollectionPickerProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const open = () => {
    setState({ kind: 'loading' });
    void load().then(
      (answer) => setState(answer.ok ? { kind: 'shown', choices: answer.choices } : { kind: 'failed', text: answer.text }),
      () => setState({ kind: 'failed', text: t('pickerFailedUnknown') }),
    );
  };
  return (
    <div class="picker">
      {state.kind !== 'shown' && (
        <button type="button" onClick={open} disabled={state.kind === 'loading'}>
          {t('pickerChooseCollection')}
        </button>
      )}
      {state.kind === 'loading' && <p class="hint">{t('pickerLoading')}</p>}
      {state.kind === 'failed' && <p class="field-error">{state.text}</p>}
      {state.kind === 'shown' && (
        <div class="field">
          <label for="collection-choice">{t('pickerCollection')}</label>
          <select id="collection-choice" value={value} onChange={(e) => onPick((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('pickerUnorganized')}</option>
            {state.choices.map((choice) => (
              <option key={choice.id} value={String(choice.id)}>
                {t('pickerChoiceLabel', { name: choice.label, id: choice.id })}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
