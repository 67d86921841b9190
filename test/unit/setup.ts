// Every unit test gets a fresh IndexedDB and a fresh fake browser, which speaks the English catalogue.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configure } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// fakeBrowser leaves i18n unimplemented. Like the browser, answer '' for an unknown key.
const english = JSON.parse(readFileSync(join(__dirname, '..', '..', 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const getMessage = (key: string) => english[key]?.message ?? '';
// Set now too, for modules that read a message while they load.
fakeBrowser.i18n.getMessage = getMessage;

// Async queries wait for a condition, not for a time: the default 1 s budget fails on a loaded 2-core CI machine.
configure({ asyncUtilTimeout: 20_000 });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage;
});
