import { launchExtension } from '../test/e2e/harness/launch';
import { startSandbox } from '../test/sandbox/server';
import { chaosDestinations, planCaptures } from '../test/e2e/chaos/plan';
import { readSyncAlarm, seedSettings, readOutboxSummary } from '../test/e2e/chaos/outbox-probe';
const sandbox = await startSandbox({ port: 0, seed: 1 });
const h = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'], extensionDir: '/tmp/chaos-ext' });
await h.evalInExtension(seedSettings, { destinations: chaosDestinations(sandbox.url), preferences: {} });
await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: {'content-type':'application/json'}, body: JSON.stringify({ mode: '503' }) });
const w = await h.worker();
await w.evaluate((inputs) => (globalThis as any).__keeplinkTest.enqueueMany(inputs), planCaptures(60, 3));
const seen: string[] = [];
const t0 = Date.now();
while (Date.now() - t0 < 12000) {
  const a = await h.evalInExtension(readSyncAlarm, 'keeplink-sync');
  const s = await h.evalInExtension(readOutboxSummary);
  seen.push(`${Date.now()-t0}ms alarm=${a} q=${s.counts.queued} s=${s.counts.sending} req=${sandbox.state.requests.length}`);
  await new Promise(r => setTimeout(r, 250));
}
console.log(seen.join('\n'));
await h.close(); await sandbox.close();
