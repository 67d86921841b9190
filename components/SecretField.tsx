// A masked text field (role textbox, unlike type=password) with a show/hide toggle. A saved key is never put in the
// page: the field then says a key is saved and offers "Replace key", which opens an empty field (blank keeps the key).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

export interface SecretFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  /** A key is already stored for this destination. */
  saved?: boolean;
  /** The organization's policy sets the key: it is said to be saved, and cannot be replaced here. */
  readOnly?: boolean;
}

export function SecretField({ id, label, value, onInput, error, hint, saved = false, readOnly = false }: SecretFieldProps) {
  const [shown, setShown] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (replacing) input.current?.focus();
  }, [replacing]);

  if ((saved || readOnly) && !replacing) {
    return (
      <div class="field" role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-saved`}>
        <span class="label" id={`${id}-label`}>
          {label}
        </span>
        <p class="hint" id={`${id}-saved`}>
          {t(saved ? 'secretKeySaved' : 'policyLocked')}
        </p>
        {!readOnly && (
          <div class="row">
            <button type="button" onClick={() => setReplacing(true)}>
              {t('secretReplaceKey')}
            </button>
          </div>
        )}
      </div>
    );
  }

  const hintText = [saved && t('secretKeepHint'), hint].filter(Boolean).join(' ') || undefined;
  const describedBy = [error && `${id}-error`, hintText && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="row">
        <input
          ref={input}
          id={id}
          type="text"
          class={shown ? '' : 'masked'}
          value={value}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? t('secretHideKey') : t('secretShowKey')}
        </button>
      </div>
      {hintText && (
        <p class="hint" id={`${id}-hint`}>
          {hintText}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
