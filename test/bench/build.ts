// Builds the production and e2e extensions for the bench into its own folder, so .output/ is never touched.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchBuildMode = 'production' | 'e2e';

const cli = fileURLToPath(new URL('./build-cli.ts', import.meta.url));

/** Runs one WXT build in a child process (its log is shown only on failure); returns the chrome-mv3 folder. */
export async function buildForBench(mode: BenchBuildMode, outBase: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, mode, outBase], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const dir = join(outBase, mode === 'production' ? 'chrome-mv3' : `chrome-mv3-${mode}`);
  if (code !== 0 || !existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`wxt build --mode ${mode} failed (exit ${code}):\n${log.slice(-4000)}`);
  }
  return dir;
}
