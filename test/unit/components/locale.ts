// Expected texts come from the English catalogue the extension ships, filled the way the extension fills them.
import { format } from '../../../components/format';
import type { MessageKey } from '../../../components/i18n';
import english from '../../../public/_locales/en/messages.json';

export function en(key: MessageKey, vars?: Record<string, string | number | undefined>): string {
  const { message } = english[key];
  return vars ? format(message, vars) : message;
}

/** Matches a text that begins as the message does, up to its first placeholder. */
export function enStart(key: MessageKey): RegExp {
  const [start = ''] = english[key].message.split('{');
  return new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
