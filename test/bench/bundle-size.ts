// Measures each entrypoint's first load (the page's HTML, which may carry inline CSS, and its static JS/CSS
// imports; lazy chunks listed apart), raw and gzip -9. One file is one request.
import { readFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from '../../lib/zod';

export const bundleSizeSchema = z.object({
  entry: z.string(),
  files: z.array(z.string()),
  raw: z.number(),
  gzip: z.number(),
});

export type BundleSize = z.infer<typeof bundleSizeSchema>;

// The background carries every service's request builder and classifier (ten services) plus the OAuth token session:
// 33.5 KB with five services, 39.8 KB with ten. The budget moved from 34 to 40 KB with the five new services; loading
// providers lazily in the worker (declarative providers) is the planned way back under 34.
// The managed policy (issue 13) adds its parser and the merge with the user's settings, which the worker needs to
// deliver to a policy destination: +1.6 KB (4.8 KB raw), 40.4 KB in all with today's measure, over the old 40 KB; hence 42.
export const BUDGETS_GZIP = { popup: 18 * 1024, options: 29 * 1024, background: 42 * 1024 } as const;

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function resolveFrom(file: string, spec: string): string {
  if (spec.startsWith('/')) return spec.slice(1);
  return posix.normalize(posix.join(posix.dirname(file), spec));
}

function staticGraph(root: string, entryFiles: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entryFiles];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const source = readFileSync(join(root, file), 'utf8').replace(DYNAMIC_IMPORT, '');
    for (const match of source.matchAll(STATIC_IMPORT)) queue.push(resolveFrom(file, match[1]!));
  }
  return seen;
}

const chunkName = (file: string) => posix.basename(file).replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, '');

/**
 * One entry per dynamic import reachable from `firstLoad` (nested ones too): the files that import
 * pulls in beyond the first load. A chunk shared by two lazy imports is counted in both.
 */
function lazyImports(root: string, firstLoad: Set<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const pending = [...firstLoad];
  const visited = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (visited.has(file) || !file.endsWith('.js')) continue;
    visited.add(file);
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(DYNAMIC_IMPORT)) {
      const target = resolveFrom(file, match[1]!);
      if (found.has(target) || firstLoad.has(target)) continue;
      const files = new Set([...staticGraph(root, [target])].filter((dep) => !firstLoad.has(dep)));
      found.set(target, files);
      pending.push(...files);
    }
  }
  return found;
}

function htmlEntryFiles(root: string, html: string): string[] {
  const text = readFileSync(join(root, html), 'utf8');
  const refs = [...text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return refs.map((ref) => resolveFrom(html, ref));
}

function measure(root: string, entry: string, files: Iterable<string>): BundleSize {
  const list = [...files].sort();
  let raw = 0;
  let gzip = 0;
  for (const file of list) {
    const bytes = readFileSync(join(root, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { entry, files: list, raw, gzip };
}

/** First-load sizes (and files, i.e. requests) of popup, options and background, plus each of their lazy imports, for one build directory. */
export function measureBuild(root: string): { firstLoad: BundleSize[]; lazy: BundleSize[] } {
  const firstLoad: BundleSize[] = [];
  const lazy: BundleSize[] = [];
  const entries: [string, string[]][] = [];
  for (const page of ['popup', 'options']) {
    if (existsSync(join(root, `${page}.html`))) entries.push([page, [`${page}.html`, ...htmlEntryFiles(root, `${page}.html`)]]);
  }
  if (existsSync(join(root, 'background.js'))) entries.push(['background', ['background.js']]);
  for (const [entry, start] of entries) {
    const graph = staticGraph(root, start);
    firstLoad.push(measure(root, entry, graph));
    for (const [target, files] of lazyImports(root, graph)) lazy.push(measure(root, `${entry} lazy: ${chunkName(target)}`, files));
  }
  return { firstLoad, lazy };
}

export const buildDir = (root = process.cwd()) => join(root, '.output', 'chrome-mv3');
