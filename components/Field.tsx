// A labelled text input or textarea with its error shown next to it.

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  multiline?: boolean;
  /** Lines shown by a multiline field. */
  rows?: number;
  inputMode?: 'text' | 'url' | 'numeric' | 'email';
  placeholder?: string;
  autoFocus?: boolean;
  onKeyDown?: (event: KeyboardEvent) => void;
  /** Shown but not editable (a setting the organization's policy locks). */
  readOnly?: boolean;
}

export function Field(props: FieldProps) {
  const errorId = `${props.id}-error`;
  const common = {
    id: props.id,
    value: props.value,
    placeholder: props.placeholder,
    autoFocus: props.autoFocus,
    readOnly: props.readOnly,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
    onKeyDown: props.onKeyDown,
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? <textarea rows={props.rows ?? 2} {...common} /> : <input type="text" inputMode={props.inputMode} {...common} />}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
