// Settings import: a stored key never follows a destination to another service or server, addresses pass the
// form's rule, preferences merge, and the plan names every change for the preview.
import { describe, expect, it } from 'vitest';
import type { Destination } from '../../lib/providers';
import { DEFAULT_PREFERENCES } from '../../lib/settings';
import { exportSettings, parseSettingsImport, planSettingsImport, SETTINGS_FORMAT, type ImportPreview } from '../../lib/settings-transfer';
import { destinations as fixtures } from '../contracts/fixtures';

const STORED_KEY = 'sk_stored_0123456789';
const stored: Destination = { ...fixtures.sharely, id: 'd-1', name: 'Team KB', baseUrl: 'https://api.sharely.ai', apiKey: STORED_KEY };

const fileWith = (destinations: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version: 1, exportedAt: '2026-12-01T00:00:00.000Z', keysIncluded: false, destinations, ...extra });

function parsed(text: string): ImportPreview {
  const result = parseSettingsImport(text);
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

const plan = (preview: ImportPreview, preferences = DEFAULT_PREFERENCES) => planSettingsImport({ destinations: [stored], preferences }, preview);

describe('a stored key and an imported destination with the same id and no key', () => {
  it('is cleared when the file points the destination at another origin, and the plan says so', () => {
    const result = plan(parsed(fileWith([{ ...stored, apiKey: '', baseUrl: 'https://collector.example' }])));
    expect(result.destinations).toEqual([expect.objectContaining({ id: 'd-1', baseUrl: 'https://collector.example', apiKey: '' })]);
    expect(JSON.stringify(result.destinations)).not.toContain(STORED_KEY);
    expect(result.destinationChanges).toEqual([
      { name: 'Team KB', provider: 'sharely', baseUrl: 'https://collector.example', previous: { name: 'Team KB', provider: 'sharely', baseUrl: 'https://api.sharely.ai' }, key: 'cleared' },
    ]);
  });

  it('is cleared when only the port differs (another origin on the same host)', () => {
    const local: Destination = { ...stored, baseUrl: 'http://127.0.0.1:8787/sharely' };
    const result = planSettingsImport({ destinations: [local], preferences: DEFAULT_PREFERENCES }, parsed(fileWith([{ ...local, apiKey: '', baseUrl: 'http://127.0.0.1:9999/sharely' }])));
    expect(result.destinations[0]?.apiKey).toBe('');
    expect(result.destinationChanges[0]?.key).toBe('cleared');
  });

  it('is cleared when the service changes, even at the same origin', () => {
    const result = plan(parsed(fileWith([{ ...fixtures.shortpen, id: 'd-1', name: 'Team KB', apiKey: '', baseUrl: 'https://api.sharely.ai' }])));
    expect(result.destinations[0]).toMatchObject({ provider: 'shortpen', apiKey: '' });
    expect(result.destinationChanges[0]).toMatchObject({ key: 'cleared', provider: 'shortpen', previous: { provider: 'sharely' } });
  });

  it('is cleared also in a file that says it includes keys', () => {
    const preview = parsed(fileWith([{ ...stored, apiKey: '', baseUrl: 'https://collector.example' }], { keysIncluded: true }));
    expect(preview.keysIncluded).toBe(true);
    const result = plan(preview);
    expect(result.destinations[0]?.apiKey).toBe('');
    expect(result.destinationChanges[0]?.key).toBe('cleared');
  });

  it('is kept for the same service at the same origin, even with another path or name', () => {
    const result = plan(parsed(fileWith([{ ...stored, apiKey: '', name: 'Renamed', baseUrl: 'https://api.sharely.ai/v2/' }])));
    expect(result.destinations[0]).toMatchObject({ name: 'Renamed', baseUrl: 'https://api.sharely.ai/v2', apiKey: STORED_KEY });
    expect(result.destinationChanges[0]).toMatchObject({ key: 'kept', previous: { name: 'Team KB' } });
  });

  it('gives way to a key the file brings, and a new destination without one has none', () => {
    const result = plan(
      parsed(fileWith([{ ...stored, apiKey: 'sk_from_file_0001' }, { ...fixtures.poozle, id: 'd-new', apiKey: '' }], { keysIncluded: true })),
    );
    expect(result.destinations.map((d) => [d.id, d.apiKey])).toEqual([
      ['d-1', 'sk_from_file_0001'],
      ['d-new', ''],
    ]);
    expect(result.destinationChanges.map((c) => [c.key, c.previous === undefined])).toEqual([
      ['from-file', false],
      ['none', true],
    ]);
  });
});

describe('imported base URLs pass the options form’s rule', () => {
  const refused = ['javascript:alert(1)', 'ftp://files.example/api', 'http://api.example.com', 'https://user:pass@api.example.com', 'not a url', 'https://api.example.com/?q=1'];
  it.each(refused)('refuses %s with the form’s reason, naming the destination', (baseUrl) => {
    const result = parseSettingsImport(fileWith([{ ...stored }, { ...stored, id: 'd-2', name: 'Bad one', baseUrl }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details).toMatchObject({ reason: 'bad-base-url', index: 1, name: 'Bad one' });
    expect(result.error.details?.problem).toBe(baseUrl === 'http://api.example.com' ? 'insecure-url' : 'url');
  });

  it('accepts https anywhere and http on loopback, normalised like the form', () => {
    const preview = parsed(fileWith([stored, { ...stored, id: 'd-2', baseUrl: 'http://127.0.0.1:8787/sharely/' }, { ...stored, id: 'd-3', baseUrl: 'http://localhost:1' }]));
    expect(preview.destinations.map((d) => d.baseUrl)).toEqual(['https://api.sharely.ai', 'http://127.0.0.1:8787/sharely', 'http://localhost:1']);
  });
});

describe('imported preferences', () => {
  it('change only the fields the file names', () => {
    const current = { ...DEFAULT_PREFERENCES, stripTracking: false, retentionDays: 30, retentionMaxRecords: 500 };
    const preview = parsed(fileWith([], { preferences: { retentionMaxRecords: 1 } }));
    expect(preview.preferences).toEqual({ retentionMaxRecords: 1 });
    const result = plan(preview, current);
    expect(result.preferences).toEqual({ retentionMaxRecords: 1 });
    expect(result.preferenceChanges).toEqual([{ key: 'retentionMaxRecords', from: 500, to: 1 }]);
  });

  it('list each preference that differs, old and new, and none that stay the same', () => {
    const preview = parsed(fileWith([], { preferences: { stripTracking: false, notifications: false, retentionDays: 7 } }));
    expect(plan(preview).preferenceChanges).toEqual([
      { key: 'stripTracking', from: true, to: false },
      { key: 'retentionDays', from: 90, to: 7 },
    ]);
  });

  it('never take this browser’s last popup choice from a file, and refuse values the schema refuses', () => {
    expect(parsed(fileWith([], { preferences: { lastPopupDestinationId: 'x', retentionDays: 5 } })).preferences).toEqual({ retentionDays: 5 });
    expect(parseSettingsImport(fileWith([], { preferences: { retentionDays: 0 } }))).toMatchObject({ ok: false, error: { details: { reason: 'bad-preferences' } } });
    expect(parseSettingsImport(fileWith([], { preferences: [1] }))).toMatchObject({ ok: false, error: { details: { reason: 'bad-preferences' } } });
  });

  it('round-trip: an export imports back with no change', () => {
    const text = exportSettings([stored], DEFAULT_PREFERENCES, { includeKeys: false });
    const result = plan(parsed(text));
    expect(result.preferenceChanges).toEqual([]);
    expect(result.destinations).toEqual([stored]);
    expect(result.destinationChanges[0]?.key).toBe('kept');
  });
});
