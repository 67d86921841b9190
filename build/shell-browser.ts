// Stands in for `wxt/browser` while the build prerenders the popup shell in Node: the one API the first frame
// touches is i18n, answered from the default locale (English), which the popup re-renders in the user's language.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const catalogue = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

export const browser = {
  i18n: { getMessage: (key: string): string => catalogue[key]?.message ?? '' },
};
