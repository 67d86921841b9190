// Locates the built extension under test and reads the manifest facts the harness needs.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../../../lib/zod';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const builtManifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  background: z.object({ service_worker: z.string() }),
  action: z.optional(z.object({ default_popup: z.optional(z.string()) })),
});

export type BuiltManifest = z.infer<typeof builtManifestSchema>;

/** `explicit`, else $KEEPLINK_EXT_DIR (relative to the working directory), else the e2e build. */
export function resolveExtensionDir(explicit?: string): string {
  const chosen = explicit ?? process.env['KEEPLINK_EXT_DIR'];
  if (chosen === undefined || chosen === '') return join(repoRoot, '.output', 'chrome-mv3-e2e');
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}

export async function readBuiltManifest(extensionDir: string): Promise<BuiltManifest> {
  const file = join(extensionDir, 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `No built extension at ${extensionDir} (missing manifest.json). Build it with \`npx wxt build --mode e2e\`, ` +
        'or point KEEPLINK_EXT_DIR at a built chrome-mv3 directory.',
    );
  }
  const parsed = builtManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(`${file} is not an MV3 manifest with a background service worker: ${parsed.error.message}`);
  }
  return parsed.data;
}
