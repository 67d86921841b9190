// Keeps the catalogues whole: English and German match key for key and placeholder for placeholder, and code asks only for keys that exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../components/i18n';
import { planMenus, type MenuMessageKey } from '../../lib/worker/menu-plan';

const root = join(__dirname, '..', '..');
type Catalogue = Record<string, { message: string; description?: string }>;
const read = (locale: string) => JSON.parse(readFileSync(join(root, 'public', '_locales', locale, 'messages.json'), 'utf8')) as Catalogue;
const en = read('en');
const de = read('de');

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = ['components', 'entrypoints', 'lib'].flatMap((dir) => files(join(root, dir))).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

/** The string literals in the first argument of every `t(…)` call, ternaries and `??` fallbacks included. */
function keysPassedToT(text: string): string[] {
  const keys: string[] = [];
  for (const call of text.matchAll(/(?<![\w.])t\(/g)) {
    let depth = 0;
    let end = call.index + 2;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    keys.push(...[...text.slice(call.index + 2, end).matchAll(/'(\w+)'/g)].map((m) => m[1]!));
  }
  return keys;
}

describe('locales', () => {
  it('names every message once in each catalogue (JSON.parse would silently keep only the last; the store rejects the file)', () => {
    for (const locale of ['en', 'de']) {
      const text = readFileSync(join(root, 'public', '_locales', locale, 'messages.json'), 'utf8');
      const keys = [...text.matchAll(/^ {2}"([^"]+)": \{/gm)].map((m) => m[1]);
      expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
      expect(keys.length).toBe(Object.keys(read(locale)).length);
    }
  });

  it('English and German have exactly the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('keys are lowerCamelCase and distinct ignoring case (Chrome matches keys case-insensitively)', () => {
    const keys = Object.keys(en);
    expect(keys.filter((key) => !/^[a-z][a-zA-Z0-9]*$/.test(key))).toEqual([]);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it('every message has text, a description and no $ (Chrome reads $ as a placeholder)', () => {
    for (const [locale, catalogue] of Object.entries({ en, de })) {
      for (const [key, entry] of Object.entries(catalogue)) {
        expect(entry.message.trim(), `${locale}.${key}`).not.toBe('');
        expect(entry.message, `${locale}.${key}`).not.toContain('$');
        expect(entry.description?.trim(), `${locale}.${key} description`).toBeTruthy();
      }
    }
  });

  it('each German message has the same {placeholders} as the English one', () => {
    const mismatched = Object.keys(en).filter((key) => de[key] && placeholders(en[key]!.message).join() !== placeholders(de[key]!.message).join());
    expect(mismatched).toEqual([]);
  });

  it('finds the keys of t() calls, ternaries and fallbacks included (guards the scan below)', () => {
    expect(keysPassedToT(`t(n === 1 ? 'oneKey' : 'manyKey', { n }) + t(MAP[String(x)] ?? 'fallbackKey', v) + x.t('notOurs')`)).toEqual([
      'oneKey',
      'manyKey',
      'fallbackKey',
    ]);
  });

  it('every key the code asks for exists', () => {
    const asked = sources.flatMap(({ path, text }) => [
      ...keysPassedToT(text).map((key) => ({ path, key })),
      ...[...text.matchAll(/getMessage\(\s*'(\w+)'/g)].map((m) => ({ path, key: m[1]! })),
    ]);
    expect(asked.length).toBeGreaterThan(100);
    expect(asked.filter(({ key }) => !(key in en))).toEqual([]);
  });

  it('the manifest and the context menus use existing keys', () => {
    const config = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
    expect(config).toContain("default_locale: 'en'");
    const manifestKeys = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(manifestKeys).toEqual(expect.arrayContaining(['extName', 'extDescription', 'commandOpen', 'commandQuickSave']));
    const menuKeys: MessageKey[] = planMenus([]).flatMap((item) => ('key' in item.title ? [item.title.key satisfies MenuMessageKey] : []));
    expect(menuKeys).toHaveLength(5);
    expect([...manifestKeys, ...menuKeys].filter((key) => !(key in en))).toEqual([]);
  });

  it('every message is used somewhere, so the catalogue carries no dead text', () => {
    const code = [...sources.map((s) => s.text), readFileSync(join(root, 'wxt.config.ts'), 'utf8')].join('\n');
    expect(Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`))).toEqual([]);
  });
});
