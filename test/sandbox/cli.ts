// Starts the sandbox and the test pages until SIGINT/SIGTERM: `npx tsx test/sandbox/cli.ts [--port N] [--pages-port N] [--seed N]`.
import { parseArgs } from 'node:util';
import { startPages } from './pages';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox } from './server';

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number, got ${value}`);
  return port;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'pages-port': { type: 'string' },
    seed: { type: 'string' },
  },
});

const sandbox = await startSandbox({
  port: portFrom(values.port ?? process.env.SANDBOX_PORT, 8787, '--port'),
  ...(values.seed === undefined ? {} : { seed: portFrom(values.seed, 0, '--seed') }),
});
const pages = await startPages({ port: portFrom(values['pages-port'] ?? process.env.PAGES_PORT, 8788, '--pages-port') });

console.log(`Keeplink sandbox:  ${sandbox.url}  (control API at ${sandbox.url}/__sandbox)`);
console.log(`Test pages:        ${pages.url}/article.html`);
console.log('Destinations:');
const baseUrls = sandboxBaseUrls(sandbox.url);
for (const [provider, baseUrl] of Object.entries(baseUrls)) {
  console.log(`  ${provider.padEnd(12)} ${baseUrl}  key ${SANDBOX_KEYS[provider as keyof typeof SANDBOX_KEYS]}`);
}
console.log(`Ids: ${JSON.stringify(SANDBOX_IDS)}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([sandbox.close(), pages.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
