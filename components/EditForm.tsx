// The frame both edit forms share: one submit at a time, Esc leaves the edit (not the popup), Ctrl/⌘+Enter submits.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FormActions } from './FormActions';

export interface EditFormProps<P> {
  label: string;
  submitLabel: string;
  /** The control that gets focus when the form opens: the first of this kind. */
  focus: 'input' | 'textarea';
  /** Resolves with what stopped the submit, or undefined once it is done. */
  submit: () => Promise<P | undefined>;
  onResult: (problem: P | undefined) => void;
  onCancel: () => void;
  children: ComponentChildren;
}

export function EditForm<P>({ label, submitLabel, focus, submit, onResult, onCancel, children }: EditFormProps<P>) {
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector(focus)?.focus(), []);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    const problem = await submit();
    setBusy(false);
    onResult(problem);
  };

  return (
    <form
      ref={form}
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void run();
        }
      }}
    >
      {children}
      <FormActions submitLabel={submitLabel} onCancel={onCancel} busy={busy} />
    </form>
  );
}
