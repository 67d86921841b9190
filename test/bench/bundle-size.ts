// Measures each entrypoint's first-load JS+CSS (static imports only; lazy chunks listed apart), raw and gzip -9.
import { readFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  entry: string;
  files: string[];
  raw: number;
  gzip: number;
}

export const BUDGETS_GZIP = { popup: 14 * 1024, options: 25 * 1024, background: 30 * 1024 } as const;

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

function lazyChunks(root: string, files: Set<string>): Set<string> {
  const lazy = new Set<string>();
  for (const file of files) {
    if (!file.endsWith('.js')) continue;
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(DYNAMIC_IMPORT)) {
      for (const dep of staticGraph(root, [resolveFrom(file, match[1]!)])) if (!files.has(dep)) lazy.add(dep);
    }
  }
  return lazy;
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

/** First-load sizes of popup, options and background, plus their lazy chunks, for one build directory. */
export function measureBuild(root: string): { firstLoad: BundleSize[]; lazy: BundleSize[] } {
  const firstLoad: BundleSize[] = [];
  const lazy: BundleSize[] = [];
  const entries: [string, string[]][] = [];
  for (const page of ['popup', 'options']) {
    if (existsSync(join(root, `${page}.html`))) entries.push([page, htmlEntryFiles(root, `${page}.html`)]);
  }
  if (existsSync(join(root, 'background.js'))) entries.push(['background', ['background.js']]);
  for (const [entry, start] of entries) {
    const graph = staticGraph(root, start);
    firstLoad.push(measure(root, entry, graph));
    const lazyFiles = lazyChunks(root, graph);
    if (lazyFiles.size) lazy.push(measure(root, `${entry} (lazy)`, lazyFiles));
  }
  return { firstLoad, lazy };
}

export const buildDir = (root = process.cwd()) => join(root, '.output', 'chrome-mv3');
