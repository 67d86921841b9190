import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANAGED_PREFERENCE_KEYS, mayAddService, parseManagedPolicy } from '../../../lib/managed-policy';
import { managedDestinationId, summarizeManaged } from '../../../lib/managed-ids';
import { getProvider, providerIds } from '../../../lib/providers';
import config from '../../../wxt.config';

const linkding = { id: 'team-links', provider: 'linkding', name: 'Team links', baseUrl: 'https://links.example.com/', apiKey: 'ld-key' };

describe('the managed policy', () => {
  it('presets a destination with an id derived from the entry, locked unless it says otherwise', () => {
    const policy = parseManagedPolicy({ destinations: [linkding, { ...linkding, id: 'open', locked: false }] });
    expect(policy.problems).toEqual([]);
    expect(policy.destinations.map((d) => [d.destination.id, d.locked])).toEqual([
      ['managed-team-links', true],
      ['managed-open', false],
    ]);
    // The form's base URL rule applies: the trailing slash goes, as for a destination typed in Options.
    expect(policy.destinations[0]!.destination).toEqual({ ...linkding, id: 'managed-team-links', baseUrl: 'https://links.example.com', unread: false });
  });

  it('gives the same id to the same entry across reads and reorders, and a new basis only when the admin changes it', () => {
    const other = { ...linkding, id: 'second', name: 'Second' };
    const first = parseManagedPolicy({ destinations: [linkding, other] });
    const reordered = parseManagedPolicy({ destinations: [other, linkding] });
    const renamed = parseManagedPolicy({ destinations: [{ ...linkding, name: 'Renamed' }] });
    const byId = (p: typeof first, id: string) => p.destinations.find((d) => d.destination.id === id)!;
    expect(byId(reordered, 'managed-team-links').basis).toBe(byId(first, 'managed-team-links').basis);
    expect(byId(renamed, 'managed-team-links').basis).not.toBe(byId(first, 'managed-team-links').basis);
    expect(summarizeManaged({ destinations: [linkding] })).toEqual([{ id: managedDestinationId('team-links'), name: 'Team links', provider: 'linkding', baseUrl: linkding.baseUrl }]);
  });

  it('marks a key the admin left empty as the user’s to fill in', () => {
    const { apiKey: _key, ...withoutKey } = linkding;
    const policy = parseManagedPolicy({ destinations: [{ ...linkding, apiKey: '' }, { ...withoutKey, id: 'no-key-field' }] });
    expect(policy.destinations.map((d) => d.keyLeftToUser)).toEqual([true, true]);
    expect(parseManagedPolicy({ destinations: [linkding] }).destinations[0]!.keyLeftToUser).toBe(false);
  });

  it('ignores each invalid part with its reason and keeps the rest in force, never throwing', () => {
    const policy = parseManagedPolicy({
      destinations: [
        linkding,
        'junk',
        { ...linkding, id: 'bad id!' },
        { ...linkding, id: 'gone', provider: 'delicious' },
        { ...linkding, id: 'wb', provider: 'wallabag' },
        { ...linkding, id: 'http', baseUrl: 'http://links.example.com' },
        { ...linkding, id: 'noname', name: '' },
        { ...linkding, name: 'Same id again' },
      ],
      preferences: { stripTracking: false, retentionDays: -3, notifications: true, theme: 'dark' },
      allowedServices: ['linkding', 'myspace'],
    });
    expect(policy.destinations.map((d) => d.destination.id)).toEqual(['managed-team-links']);
    expect(policy.preferences).toEqual({ stripTracking: false });
    expect(policy.allowedServices).toEqual(['linkding']);
    expect(policy.problems).toEqual([
      { part: 'destinations.1', reason: 'not-an-object' },
      { part: 'destinations.2', reason: 'bad-id', field: 'id' },
      { part: 'destinations.3', reason: 'unknown-service', field: 'provider' },
      { part: 'destinations.4', reason: 'not-manageable', field: 'provider' },
      { part: 'destinations.5', reason: 'bad-base-url', field: 'baseUrl' },
      { part: 'destinations.6', reason: 'bad-field', field: 'name' },
      { part: 'destinations.7', reason: 'duplicate-id', field: 'id' },
      { part: 'preferences.retentionDays', reason: 'bad-value' },
      { part: 'preferences.notifications', reason: 'bad-value' },
      { part: 'preferences.theme', reason: 'bad-value' },
      { part: 'allowedServices.1', reason: 'unknown-service' },
    ]);
    for (const junk of [undefined, null, 'text', 42, [linkding], { destinations: 'x', preferences: [], allowedServices: {} }]) {
      expect(() => parseManagedPolicy(junk)).not.toThrow();
      expect(parseManagedPolicy(junk).destinations).toEqual([]);
    }
  });

  it('takes ShortPen’s number ids as digits, since Chrome’s schema types keys shared with text ids as text', () => {
    const shortpen = { id: 'sp', provider: 'shortpen', name: 'Links', baseUrl: 'https://api.shortpen.example', apiKey: 'k', domainId: '42', workspaceId: '7' };
    expect(parseManagedPolicy({ destinations: [shortpen] }).destinations[0]?.destination).toMatchObject({ domainId: 42, workspaceId: 7 });
  });

  it('limits the services a user may add only when allowedServices is set ([] allows none)', () => {
    expect(mayAddService(parseManagedPolicy({}), 'webhook')).toBe(true);
    expect(mayAddService(parseManagedPolicy({ allowedServices: ['linkding'] }), 'webhook')).toBe(false);
    expect(mayAddService(parseManagedPolicy({ allowedServices: ['linkding'] }), 'linkding')).toBe(true);
    expect(mayAddService(parseManagedPolicy({ allowedServices: [] }), 'linkding')).toBe(false);
  });
});

describe('public/managed_schema.json (Chrome drops what its schema does not declare)', () => {
  type Node = { type?: string; properties?: Record<string, Node>; items?: Node; enum?: string[] };
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'public', 'managed_schema.json'), 'utf8')) as Node;
  const entry = schema.properties!.destinations!.items!.properties!;
  const TYPE_OF_KIND: Record<string, string> = { checkbox: 'boolean', int: 'integer', 'int-list': 'array', 'string-list': 'array', 'header-list': 'array' };

  it('is the manifest’s storage.managed_schema in the Chrome build', () => {
    type ManifestFn = (env: { browser: string; manifestVersion: 3; mode: string; command: 'build' }) => Record<string, unknown>;
    const manifestFor = (browser: string) => (config.manifest as unknown as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
    expect(manifestFor('chrome').storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(manifestFor('firefox').storage).toBeUndefined();
  });

  it('gives every node a type, as Chrome requires', () => {
    const untyped: string[] = [];
    const walk = (node: Node, path: string) => {
      if (!node.type) untyped.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
      if (node.items) walk(node.items, `${path}[]`);
    };
    walk(schema, 'policy');
    expect(untyped).toEqual([]);
  });

  it('declares every field of every manageable service with a type the policy parser accepts', () => {
    for (const key of ['id', 'locked', 'provider', 'name', 'baseUrl', 'apiKey']) expect(entry[key], key).toBeDefined();
    const manageable = providerIds.filter((p) => p !== 'wallabag');
    const typesOf = (key: string) => new Set(manageable.flatMap((id) => getProvider(id).fields.filter((f) => f.key === key).map((f) => TYPE_OF_KIND[f.kind] ?? 'string')));
    for (const id of manageable) {
      expect(entry.provider!.enum, id).toContain(id);
      for (const field of getProvider(id).fields.filter((f) => f.kind !== 'password')) {
        // A key that is text for one service and a number for another is text; the parser turns digits into numbers.
        const types = typesOf(field.key);
        const expected = types.size > 1 ? 'string' : [...types][0];
        expect(entry[field.key]?.type, `${id}.${field.key}`).toBe(expected);
        if (types.size > 1) expect(field.kind === 'int' || (TYPE_OF_KIND[field.kind] ?? 'string') === 'string', `${id}.${field.key}`).toBe(true);
      }
    }
    expect(Object.keys(schema.properties!.preferences!.properties!)).toEqual([...MANAGED_PREFERENCE_KEYS]);
    expect(entry.provider!.enum).not.toContain('wallabag');
  });
});
