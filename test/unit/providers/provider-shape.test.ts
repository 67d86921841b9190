// The provider meta-test: adding a service is one provider file plus its contracts, and everything else a service needs
// (sandbox imitation, classification tests, README rows, en + de texts) is checked here for every registered id.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_LABEL_KEYS, PROVIDER_LABEL_KEYS } from '../../../components/labels';
import { ERROR_KEYS } from '../../../components/messages';
import { EXISTING, RESULT_NOUN } from '../../../components/record-status';
import { providerIds, providers } from '../../../lib/providers';
import type { ProviderId } from '../../../lib/providers/types';
import { compileContract, loadContract, type ContractKind } from '../../contracts/schemas';
import { SANDBOX_APIS } from '../../sandbox/providers';

const root = join(__dirname, '..', '..', '..');
const text = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');
type Catalogue = Record<string, { message: string } | undefined>;
const catalogues: Record<'en' | 'de', Catalogue> = {
  en: JSON.parse(text('public', '_locales', 'en', 'messages.json')) as Catalogue,
  de: JSON.parse(text('public', '_locales', 'de', 'messages.json')) as Catalogue,
};

/** `link-action` → `linkAction`: the name a provider file's exports start with. */
const camel = (id: string) => id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (id: string) => camel(id).replace(/^\w/, (c) => c.toUpperCase());

/** Services whose body is not built by the file but by the user (validated when the settings are saved). */
const TEMPLATE_BODIES: readonly ProviderId[] = ['webhook'];

const CONTRACT_KINDS: readonly ContractKind[] = ['request', 'response', 'error'];

/** Every error code a provider file can give: its answer data, and the codes its own functions name. */
function errorCodesOf(id: ProviderId, source: string): string[] {
  const provider = providers[id];
  const codes = new Set<string>();
  for (const rule of provider.rules ?? []) if (rule.then.kind !== 'synced') codes.add(rule.then.code);
  if (provider.notFound) codes.add(provider.notFound);
  if (provider.gone) codes.add(provider.gone);
  const named = /(?:code: |(?:errorOutcome|retryThenPause)\(\s*(?:'\w+',\s*)?|keeplinkError\(\s*)'([a-z-]+)'/g;
  for (const match of source.matchAll(named)) codes.add(match[1]!);
  return [...codes].sort();
}

/** The README tables under "Where each capture field goes", as header → column cells by row name. */
function mappingTables(readme: string): { header: string[]; rows: string[][] }[] {
  const start = readme.indexOf('### Where each capture field goes');
  const end = readme.indexOf('\n### ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const tables: { header: string[]; rows: string[][] }[] = [];
  let current: { header: string[]; rows: string[][] } | undefined;
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line.slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined).split('|').map((cell) => cell.trim());
    if (!current) tables.push((current = { header: cells, rows: [] }));
    else if (!cells.every((cell) => /^-+$/.test(cell))) current.rows.push(cells);
  }
  return tables;
}

function expectMessage(key: string | undefined, what: string): void {
  expect(key, `${what} has no message key`).toBeDefined();
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    expect(catalogue[key!]?.message.trim(), `${what}: "${key}" is missing in ${locale}`).toBeTruthy();
  }
}

const readme = text('README.md');
const tables = mappingTables(readme);
const headings = [...readme.matchAll(/^### (.+)$/gm)].map((match) => match[1]!.trim());

describe.each(providerIds.map((id) => ({ id })))('provider $id', ({ id }) => {
  const file = join('lib', 'providers', `${id}.ts`);
  const source = text(file);
  const provider = providers[id];
  const prefix = camel(id);

  it('has one file whose exports are the shared shape, and the registry holds that very provider', async () => {
    const module: Record<string, unknown> = await import(`../../../lib/providers/${id}.ts`);
    expect(module[prefix]).toBe(provider);
    expect(provider.id).toBe(id);
    // The schemas the file names are the ones its provider is read through (no second, unused copy).
    expect(module[`${prefix}SettingsSchema`]).toBe(provider.settingsSchema);
    expect(module[`${prefix}SuccessSchema`]).toBe(provider.success.schema);
    expect(module[`${prefix}ErrorSchema`]).toBe(provider.error.schema);
    expect(source).toMatch(new RegExp(`^export type ${pascal(id)}Destination = z\\.infer<typeof ${prefix}SettingsSchema>;$`, 'm'));
    for (const part of ['buildRequest', 'classify'] as const) expect(typeof provider[part]).toBe('function');
    if (TEMPLATE_BODIES.includes(id)) {
      expect(module[`${prefix}RequestSchema`]).toBeUndefined();
    } else {
      // Its own request schema is the last gate every body it builds passes.
      expect(module[`${prefix}RequestSchema`]).toBeDefined();
      expect(source).toMatch(new RegExp(`finishRequest\\(${prefix}RequestSchema\\b`));
      expect(source).not.toMatch(new RegExp(`finishRequest\\((?!${prefix}RequestSchema\\b)`));
    }
    // Registered in the one registry list.
    expect(text('lib', 'providers', 'index.ts')).toContain(`from './${id}';`);
  });

  it('has its three contracts in test/contracts, each a JSON Schema that compiles', () => {
    for (const kind of CONTRACT_KINDS) {
      const contract = loadContract(id, kind);
      expect(contract.$id).toBe(`keeplink:contracts/${id}.${kind}`);
      expect(typeof compileContract(id, kind)).toBe('function');
    }
  });

  it('has a sandbox imitation of its own and its classification tests', async () => {
    expect(existsSync(join(root, 'test', 'sandbox', 'providers', `${id}.ts`))).toBe(true);
    const imitation: Record<string, unknown> = await import(`../../sandbox/providers/${id}.ts`);
    expect(imitation[`${prefix}Api`]).toBe(SANDBOX_APIS[id]);
    expect(SANDBOX_APIS[id].provider).toBe(id);
    expect(existsSync(join(root, 'test', 'unit', 'providers', `${id}.test.ts`))).toBe(true);
  });

  it('has a README configuration section and a column in every row of the mapping table', () => {
    const label = catalogues.en[PROVIDER_LABEL_KEYS[id]]?.message ?? '';
    expect(label).not.toBe('');
    // The section that tells how to configure it: "### linkding (self-hosted bookmarks)", "### Link action".
    expect(headings.filter((heading) => heading === label || heading.startsWith(`${label} (`))).toHaveLength(1);
    const table = tables.find((candidate) => candidate.header.includes(label));
    expect(table, `no mapping table has a "${label}" column`).toBeDefined();
    const column = table!.header.indexOf(label);
    const rows = new Map(table!.rows.map((row) => [row[0], row[column]]));
    for (const row of ['Page URL', 'Title', 'Note', 'Tags']) expect(rows.get(row), `row "${row}"`).toMatch(/\S/);
    for (const [name, cell] of rows) expect(cell, `row "${name}"`).toMatch(/\S/);
  });

  it('has en and de texts for its name, its result, its fields and every error it gives', () => {
    expectMessage(PROVIDER_LABEL_KEYS[id], 'service name');
    expectMessage(RESULT_NOUN[id], 'result noun');
    for (const field of provider.fields) expectMessage(FIELD_LABEL_KEYS[`${id}.${field.key}`] ?? FIELD_LABEL_KEYS[field.key], `field ${field.key}`);
    const codes = errorCodesOf(id, source);
    for (const code of codes) expectMessage(Reflect.get(ERROR_KEYS, code), `error ${code}`);
    for (const match of source.matchAll(/existing: '([a-z-]+)'/g)) expectMessage(Reflect.get(EXISTING, match[1]!), `answer "${match[1]}"`);
  });
});

describe('provider registry', () => {
  it('registers every provider file, so no service is defined and left out of the one list', () => {
    const defined = readdirSync(join(root, 'lib', 'providers'))
      .filter((name) => /^[a-z-]+\.ts$/.test(name) && text('lib', 'providers', name).includes('= defineProvider('))
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    expect(defined).toEqual([...providerIds].sort());
  });
});
