import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension } from '../e2e/harness/launch';
import { startSandbox } from '../sandbox/server';
import { prepareBenchExtension, BENCH_PAGES } from './bench-extension';
import { bundleLabPage } from './lab-bundle';
import { sandboxDestinations } from './destinations';
import { buildRequestFor } from '../../lib/providers';
import { buildCapture } from '../../lib/capture';
const tmp = mkdtempSync('/tmp/kb-scratch-');
const lab = await bundleLabPage(join(tmp, 'lab'));
const dir = prepareBenchExtension('/tmp/kb-try/out2/chrome-mv3-e2e', join(tmp, 'ext'), { labScript: lab, wrapServiceWorker: false });
const sandbox = await startSandbox({ port: 0, seed: 1 });
const dests = sandboxDestinations(sandbox.url);
// sandbox latency from node
const reqs = dests.map((d) => { const c = buildCapture({ page: { url: 'https://example.com/x', title: 'x' }, source: 'bulk', destinationId: d.id }); if (!c.ok) throw 1; const r = buildRequestFor(c.value, d); if (!r.ok) throw 2; return r.value; });
console.log(JSON.stringify(reqs[0]).slice(0, 300));
const send = (r: any) => fetch(r.url, { method: r.method, headers: r.headers, body: JSON.stringify(r.body) });
let t = performance.now();
for (let i = 0; i < 100; i++) await (await send(reqs[i % 5])).text();
console.log('node sequential per req ms', (performance.now() - t) / 100);
t = performance.now();
await Promise.all(Array.from({ length: 10 }, async (_, l) => { for (let i = 0; i < 30; i++) await (await send(reqs[(i + l) % 5])).text(); }));
console.log('node 10 lanes req/s', 300 / ((performance.now() - t) / 1000));
const h = await launchExtension({ extensionDir: dir, grantOrigins: ['http://127.0.0.1/*'] });
const page = await h.openExtensionPage(BENCH_PAGES.lab);
const fn = `async (reqs) => {
  const open = (name) => new Promise((res, rej) => { const q = indexedDB.open(name, 1); q.onupgradeneeded = () => q.result.createObjectStore('r', { keyPath: 'id' }); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const put = (db, durability) => new Promise((res, rej) => { const tx = db.transaction('r', 'readwrite', { durability }); tx.objectStore('r').put({ id: crypto.randomUUID() }); tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
  const out = { open: [], putDefault: [], putRelaxed: [], putStrict: [], read: [], fetchSeq: [] };
  (await open('x')).close();
  for (let i = 0; i < 10; i++) {
    let t = performance.now(); const db = await open('x'); out.open.push(performance.now() - t);
    t = performance.now(); await put(db, 'default'); out.putDefault.push(performance.now() - t);
    t = performance.now(); await put(db, 'relaxed'); out.putRelaxed.push(performance.now() - t);
    t = performance.now(); await put(db, 'strict'); out.putStrict.push(performance.now() - t);
    t = performance.now(); await new Promise((res) => { const q = db.transaction('r').objectStore('r').count(); q.onsuccess = res; }); out.read.push(performance.now() - t);
    db.close();
  }
  for (let i = 0; i < 20; i++) { const t = performance.now(); const r = reqs[i % 5]; await (await fetch(r.url, { method: r.method, headers: r.headers, body: JSON.stringify(r.body) })).text(); out.fetchSeq.push(performance.now() - t); }
  const t = performance.now();
  await Promise.all(Array.from({ length: 10 }, async (_, l) => { for (let i = 0; i < 30; i++) { const r = reqs[(i + l) % 5]; await (await fetch(r.url, { method: r.method, headers: r.headers, body: JSON.stringify(r.body) })).text(); } }));
  out.fetch10lanesPerSec = [300 / ((performance.now() - t) / 1000)];
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.map((x) => Math.round(x * 10) / 10)]));
}`;
const r = await page.evaluate(`(${fn})(${JSON.stringify(reqs)})`);
console.log(r);
await h.close(); await sandbox.close(); process.exit(0);
