// Owns the bench's copy of a built extension: the same build plus the bench's own pages (and, for the
// wake bench, a service-worker wrapper), so one browser and one profile load both Keeplink and the baselines.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_PAGES = {
  /** A module script that only sets marks: the floor for "navigation start → ready". */
  blank: 'bench/blank.html',
  /** A Save button whose click opens an existing IndexedDB database and commits one add: the floor for save latency. */
  idbBaseline: 'bench/idb-baseline.html',
  /** The bundled bench-page module (lookups, drain with pacing lifted). */
  lab: 'bench/lab.html',
} as const;

export const BLANK_READY_MARK = 'bench:blank-ready';
export const BLANK_SCRIPT_MARK = 'bench:blank-script';
export const BASELINE_READY_MARK = 'bench:baseline-ready';
export const POPUP_READY_MARK = 'keeplink:ready';
export const BASELINE_DB = 'keeplink-bench-baseline';

export interface BenchExtensionOptions {
  /** The bundled test/bench/page/bench-page.ts. */
  labScript: string;
  /** Wrap the service worker so a message can deliver a menu click to a stopped worker (see WAKE_WRAPPER). */
  wrapServiceWorker: boolean;
}

const page = (title: string, script: string, body = '') =>
  `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
  `<script type="module" src="./${script}"></script>\n</head>\n<body>${body}</body>\n</html>\n`;

/**
 * The ready mark waits for the first frame the way the popup's does (Preact runs effects after paint:
 * requestAnimationFrame, then a task), so both sides are measured to "painted"; the script's own
 * execution is marked too.
 */
const BLANK_JS = `performance.mark(${JSON.stringify(BLANK_SCRIPT_MARK)});
requestAnimationFrame(() => setTimeout(() => performance.mark(${JSON.stringify(BLANK_READY_MARK)})));
`;

// Opened once on load (creating the store), then closed, so the click pays for opening an existing database like the popup does.
const IDB_BASELINE_JS = `const name = ${JSON.stringify(BASELINE_DB)};
const open = () => new Promise((resolve, reject) => {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore('records', { keyPath: 'id' });
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
open().then((db) => {
  db.close();
  document.querySelector('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const connection = await open();
    const tx = connection.transaction('records', 'readwrite');
    tx.objectStore('records').add({ id: crypto.randomUUID(), at: Date.now() });
    tx.oncomplete = () => connection.close();
  });
  performance.mark(${JSON.stringify(BASELINE_READY_MARK)});
});
`;

/**
 * Imported after Keeplink's own worker module, so Keeplink registers its listeners first, exactly as built.
 * A runtime message is an extension event like a menu click: it starts a stopped worker, and the handler
 * then runs the e2e build's real menu-click path. The record is durable when the transaction of its first write
 * after the click commits (the enqueue puts it; a flush's claims write through cursors, and after the drain it has
 * nothing to settle). Epoch ms, this worker's clock.
 */
const wakeWrapper = (background: string) => `import './${background}';
const now = () => performance.timeOrigin + performance.now();
let probe;
for (const method of ['add', 'put']) {
  const write = IDBObjectStore.prototype[method];
  IDBObjectStore.prototype[method] = function (...args) {
    const request = write.apply(this, args);
    const current = probe;
    if (current && !current.written && this.name === 'records') {
      current.written = true;
      this.transaction.addEventListener('complete', () => { current.durable ??= now(); });
    }
    return request;
  };
}
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.type === 'bench/ping') {
    const handlerStart = now();
    sendResponse({ workerStart: performance.timeOrigin, handlerStart, durable: handlerStart, ok: true });
    return false;
  }
  if (message?.type !== 'bench/menu-click') return false;
  const current = (probe = {});
  const handlerStart = now();
  const answer = (ok, code) => {
    probe = undefined;
    sendResponse({ workerStart: performance.timeOrigin, handlerStart, durable: current.durable, ok: ok && current.durable !== undefined, code });
  };
  globalThis.__keeplinkTest.onMenuClick(message.info, message.tab).then(
    (saved) => answer(saved.ok, saved.ok ? undefined : saved.error.code),
    (error) => answer(false, String(error)),
  );
  return true;
});
`;

/** Copies `builtDir` to `destDir` and adds the bench pages; returns `destDir`. */
export function prepareBenchExtension(builtDir: string, destDir: string, options: BenchExtensionOptions): string {
  cpSync(builtDir, destDir, { recursive: true });
  mkdirSync(join(destDir, 'bench'), { recursive: true });
  writeFileSync(join(destDir, BENCH_PAGES.blank), page('Blank', 'blank.js'));
  writeFileSync(join(destDir, 'bench/blank.js'), BLANK_JS);
  writeFileSync(
    join(destDir, BENCH_PAGES.idbBaseline),
    page('IndexedDB baseline', 'idb-baseline.js', '<form><button type="submit">Save</button></form>'),
  );
  writeFileSync(join(destDir, 'bench/idb-baseline.js'), IDB_BASELINE_JS);
  writeFileSync(join(destDir, BENCH_PAGES.lab), page('Keeplink bench lab', 'lab.js'));
  cpSync(options.labScript, join(destDir, 'bench/lab.js'));
  if (options.wrapServiceWorker) {
    const manifestFile = join(destDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { background: { service_worker: string; type?: string } };
    if (manifest.background.type !== 'module') throw new Error('The wake wrapper needs a module service worker');
    writeFileSync(join(destDir, 'bench-worker.js'), wakeWrapper(manifest.background.service_worker));
    manifest.background.service_worker = 'bench-worker.js';
    writeFileSync(manifestFile, JSON.stringify(manifest));
  }
  return destDir;
}
