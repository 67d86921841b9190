// Every unit test gets a fresh IndexedDB and a fresh fake browser, which speaks the English catalogue.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// fakeBrowser leaves i18n unimplemented. Like the browser, answer '' for an unknown key.
const english = JSON.parse(readFileSync(join(__dirname, '..', '..', 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const getMessage = (key: string) => english[key]?.message ?? '';
// Set now too, for modules that read a message while they load.
fakeBrowser.i18n.getMessage = getMessage;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage;
});
