// Expected texts come from the English catalogue the extension ships, filled the way the extension fills them.
import { format } from '../../../components/format';
import type { MessageKey } from '../../../components/i18n';
import english from '../../../public/_locales/en/messages.json';

export function en(key: MessageKey, vars?: Record<string, string | number | undefined>): string {
  const { message } = english[key];
  return vars ? format(message, vars) : message;
}
