// Keeps the layering true: browser APIs only in lib/platform, lib/ files small, request URLs built in one place (that every
// provider is whole is the provider meta-test, providers/provider-shape.test.ts). (lib/ never importing the UI
// is ESLint's no-restricted-imports rule, which points at the offending line.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerIds } from '../../lib/providers';

const root = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const lib = files(join(root, 'lib')).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

describe('architecture', () => {
  it('only lib/platform touches browser APIs', () => {
    const offenders = lib.filter((f) => !f.path.startsWith('lib/platform/') && /\b(browser|chrome)\.[a-zA-Z]+\.|from 'wxt\/browser'/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('no file in lib/ is over 300 lines, so each stays readable in one sitting', () => {
    const long = lib.map((f) => ({ path: f.path, lines: f.text.trimEnd().split('\n').length })).filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });

  it('nothing uses classic zod or storage.sync', () => {
    const all = [...lib, ...files(join(root, 'entrypoints')).concat(files(join(root, 'components'))).map((path) => ({ path, text: readFileSync(path, 'utf8') }))];
    expect(all.filter((f) => /from 'zod'|from "zod"/.test(f.text)).map((f) => f.path)).toEqual([]);
    expect(all.filter((f) => /storage\.sync|['"`]sync:/.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('every provider builds its request URL with apiUrl, never by joining strings itself', () => {
    const offenders = lib.filter((f) => f.path.startsWith('lib/providers/') && f.path !== 'lib/providers/common.ts' && /\bjoinUrl\b|encodeURIComponent/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
    for (const id of providerIds) expect(readFileSync(join(root, 'lib', 'providers', `${id}.ts`), 'utf8')).toMatch(/\bapiUrl\(/);
  });

  it('test hooks exist only in the e2e build: every mention sits inside the e2e-only block', () => {
    const background = readFileSync(join(root, 'entrypoints', 'background.ts'), 'utf8');
    const guard = background.indexOf("if (import.meta.env.MODE === 'e2e') {");
    expect(guard).toBeGreaterThan(0);
    // The block ends at the brace that balances its opening one.
    let depth = 0;
    let end = -1;
    for (let i = background.indexOf('{', guard); i < background.length; i++) {
      if (background[i] === '{') depth++;
      if (background[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    const mentions = [...background.matchAll(/__keeplinkTest/g)].map((match) => match.index);
    expect(mentions.length).toBeGreaterThan(0);
    for (const at of mentions) expect(at > guard && at < end).toBe(true);
  });
});
