// The popup's Tags field: completes the tag under the caret from the user's earlier tags. The input stays a textbox
// (aria-autocomplete=list) that owns a listbox of options: ArrowDown/ArrowUp choose, Enter or Tab accepts, Escape
// closes the list (and only the list). Focus never leaves the input, so typing goes on where it was.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TagCompleter } from '../lib/tag-complete';
import { t } from './i18n';

export interface TagsFieldProps {
  value: string;
  onInput: (value: string) => void;
  /** The user's earlier tags, most used first, with the code that completes them (both arrive after first paint). */
  known?: { tags: readonly string[]; completer: TagCompleter } | undefined;
  error?: string | undefined;
  placeholder?: string;
  /** Keys the list does not take (Enter to save, Escape to close the popup). */
  onKeyDown?: (event: KeyboardEvent) => void;
}

const LIST_ID = 'tags-options';
const optionId = (index: number) => `${LIST_ID}-${index}`;

export function TagsField({ value, onInput, known, error, placeholder, onKeyDown }: TagsFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [options, setOptions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const caretAfter = useRef<number | undefined>(undefined);
  const open = options.length > 0;

  // Before the next key can land: an effect after paint could move the caret behind what was typed since.
  useLayoutEffect(() => {
    if (caretAfter.current === undefined) return;
    input.current?.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = undefined;
  }, [value]);

  const close = () => {
    setOptions([]);
    setActive(-1);
  };
  const offer = (text: string, caret: number) => {
    setOptions(known ? known.completer.tagCompletions(known.tags, text, caret) : []);
    setActive(-1);
  };
  const accept = (tag: string) => {
    if (!known) return;
    const next = known.completer.acceptTag(value, input.current?.selectionStart ?? value.length, tag);
    caretAfter.current = next.caret;
    onInput(next.value);
    close();
  };

  const keyDown = (event: KeyboardEvent) => {
    const taken = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!open) {
        offer(value, input.current?.selectionStart ?? value.length);
        if (event.key === 'ArrowDown') setActive(0);
        return taken();
      }
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % options.length : i <= 0 ? options.length - 1 : i - 1));
      return taken();
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
      accept(options[active]!);
      return taken();
    }
    if (open && event.key === 'Escape') {
      close();
      return taken();
    }
    if (event.key === 'Tab') close();
    onKeyDown?.(event);
  };

  const errorId = 'tags-error';
  return (
    <div class="field tags-field">
      <label for="tags">{t('fieldTags')}</label>
      <input
        ref={input}
        type="text"
        id="tags"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        aria-autocomplete="list"
        aria-controls={LIST_ID}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => {
          const target = event.currentTarget;
          onInput(target.value);
          offer(target.value, target.selectionStart ?? target.value.length);
        }}
        onKeyDown={keyDown}
        onBlur={close}
      />
      <ul id={LIST_ID} role="listbox" aria-label={t('popupTagOptions')} class="tag-options" hidden={!open}>
        {options.map((tag, index) => (
          <li
            key={tag}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // The input keeps focus: a click must not blur it (which would close the list first).
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => accept(tag)}
          >
            {tag}
          </li>
        ))}
      </ul>
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
