// Bundles test/bench/page/bench-page.ts (lib's outbox and sync code) into one module for the bench's lab page.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./page/bench-page.ts', import.meta.url));

/** Writes `lab.js` into `outDir` and returns its path. */
export async function bundleLabPage(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'error',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: false,
      lib: { entry, formats: ['es'], fileName: () => 'lab.js' },
    },
  });
  return join(outDir, 'lab.js');
}
