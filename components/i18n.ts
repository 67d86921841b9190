// Reads user-facing text from public/_locales through the browser's i18n API and fills its {name} placeholders.
import { browser } from 'wxt/browser';
import { format } from './format';

/** Type-only: the English catalogue names the keys, and it is never bundled. */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

export function t(key: MessageKey, vars?: Record<string, string | number | undefined>): string {
  // A missing message shows its key, so a gap is visible instead of blank.
  const message = browser.i18n.getMessage(key) || key;
  return vars ? format(message, vars) : message;
}
