// A labelled text field for a positive whole number (text, not type=number, whose role is spinbutton).

export interface WholeNumberFieldProps {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** The id of a note about the value (the organization sets it). */
  describedBy?: string | undefined;
}

/** A positive whole number; anything else keeps the previous value. */
export function WholeNumberField({ id, label, value, onChange, disabled, describedBy }: WholeNumberFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={String(value)}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => {
          const next = Number((e.currentTarget as HTMLInputElement).value);
          onChange(Number.isInteger(next) && next > 0 ? next : value);
        }}
      />
    </div>
  );
}
