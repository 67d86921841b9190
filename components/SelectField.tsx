// A labelled select with one option per choice; the value handed back is one of the choices, so its type is theirs.

export interface Choice<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange: (value: V) => void;
  style?: Record<string, string | number>;
}

export function SelectField<V extends string>({ id, label, value, choices, onChange, style }: SelectFieldProps<V>) {
  const pick = (picked: string) => {
    const choice = choices.find((candidate) => candidate.value === picked);
    if (choice) onChange(choice.value);
  };
  return (
    <div class="field" style={style}>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => pick(event.currentTarget.value)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
