// `npm run screenshots`: regenerates docs/screenshots/*.png from the real extension (e2e build) against the sandbox.
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension } from '../e2e/harness/launch';
import { startServers } from '../e2e/support';
import { configureDestinations, historyScene, optionsScene, popupScenes, qrScene, tagsScene } from './scenes';

const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const servers = await startServers();
  // Uses $KEEPLINK_EXT_DIR or .output/chrome-mv3-e2e: build it first with `npx wxt build --mode e2e`.
  const harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  try {
    const options = await configureDestinations(harness, servers);
    const at = (name: string) => join(outDir, name);
    // Each scene returns the files it wrote; the tags scene comes after History, whose captures carry the tags it offers.
    const scenes: [string, () => Promise<string[]>][] = [
      ['options', async () => (await optionsScene(harness, options, at('options.png')), [at('options.png')])],
      ['popup, result, edit (light)', () => popupScenes(harness, servers, outDir, 'light')],
      ['popup, result, edit (dark)', () => popupScenes(harness, servers, outDir, 'dark')],
      ['qr', async () => (await qrScene(harness, servers, at('qr.png')), [at('qr.png')])],
      ['history', async () => (await historyScene(harness, servers, { light: at('history.png'), dark: at('history-dark.png') }), [at('history.png'), at('history-dark.png')])],
      ['tags', async () => (await tagsScene(harness, servers, at('tags.png')), [at('tags.png')])],
    ];
    for (const [name, scene] of scenes) {
      const started = Date.now();
      const files = await scene();
      for (const file of files) console.log(`${basename(file).padEnd(18)} ${String((await stat(file)).size).padStart(7)} bytes`);
      console.log(`  ${name}: ${Date.now() - started} ms`);
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
