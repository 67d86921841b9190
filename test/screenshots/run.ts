// `npm run screenshots`: regenerates docs/screenshots/*.png from the real extension (e2e build) against the sandbox.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension } from '../e2e/harness/launch';
import { startServers } from '../e2e/support';
import { configureDestinations, historyScene, optionsScene, popupScene, qrScene } from './scenes';

const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const servers = await startServers();
  // Uses $KEEPLINK_EXT_DIR or .output/chrome-mv3-e2e: build it first with `npx wxt build --mode e2e`.
  const harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  try {
    const options = await configureDestinations(harness, servers);
    const shots: [string, (file: string) => Promise<void>][] = [
      ['options.png', (file) => optionsScene(harness, options, file)],
      ['popup.png', (file) => popupScene(harness, servers, file)],
      ['qr.png', (file) => qrScene(harness, servers, file)],
      ['history.png', (file) => historyScene(harness, servers, file)],
    ];
    for (const [name, scene] of shots) {
      const file = join(outDir, name);
      const started = Date.now();
      await scene(file);
      console.log(`${name.padEnd(12)} ${String((await stat(file)).size).padStart(7)} bytes  ${Date.now() - started} ms`);
    }
  } finally {
    await harness.close();
    await servers.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
