// The import preview on the options page (entrypoints/options/ops.ts): every change in words before anything applies.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import type { Destination } from '../../lib/providers';
import { DEFAULT_PREFERENCES } from '../../lib/settings';
import { SETTINGS_FORMAT } from '../../lib/settings-transfer';
import { destinations as fixtures } from '../contracts/fixtures';
import { readyOptionsOps } from './options-ops';

const STORED_KEY = 'sk_stored_0123456789';
const stored: Destination = { ...fixtures.sharely, id: 'd-1', name: 'Team KB', baseUrl: 'https://api.sharely.ai', apiKey: STORED_KEY };
const fileWith = (destinations: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version: 1, exportedAt: '2026-12-01T00:00:00.000Z', keysIncluded: false, destinations, ...extra });

async function loadOps(preferences = DEFAULT_PREFERENCES) {
  await destinationsItem.setValue([stored]);
  await preferencesItem.setValue(preferences);
  return readyOptionsOps();
}

async function previewLines(text: string, preferences = DEFAULT_PREFERENCES): Promise<string[]> {
  const view = await (await loadOps(preferences)).previewImport(text);
  if (!view.ok) throw new Error(view.text);
  return view.lines;
}

beforeEach(() => {
  fakeBrowser.runtime.sendMessage = () => Promise.resolve(undefined);
});

describe('the import preview', () => {
  it('names the origin change and says the stored key is cleared, also when the file claims to include keys', async () => {
    const ops = await loadOps();
    const view = await ops.previewImport(fileWith([{ ...stored, apiKey: '', baseUrl: 'https://collector.example/api' }], { keysIncluded: true }));
    if (!view.ok) throw new Error(view.text);
    expect(view.lines).toEqual([
      'Team KB (Sharely, https://collector.example) — replaces the current one',
      'Team KB: server https://api.sharely.ai → https://collector.example',
      'Team KB: the saved API key is cleared, because the service or the server changes. Enter the key again in Options.',
    ]);
    await view.apply();
    expect(await destinationsItem.getValue()).toEqual([{ ...stored, baseUrl: 'https://collector.example/api', apiKey: '' }]);
  });

  it('names a service change and a rename, and says when the key is kept', async () => {
    const serviceChange = await previewLines(fileWith([{ ...fixtures.shortpen, id: 'd-1', name: 'Short links', apiKey: '', baseUrl: 'https://api.sharely.ai' }]));
    expect(serviceChange).toEqual([
      'Short links (ShortPen, https://api.sharely.ai) — replaces the current one',
      'Short links: renamed from Team KB',
      'Short links: service Sharely → ShortPen',
      'Short links: the saved API key is cleared, because the service or the server changes. Enter the key again in Options.',
    ]);
    const kept = await previewLines(fileWith([{ ...stored, apiKey: '', baseUrl: 'https://api.sharely.ai/v2' }]));
    expect(kept).toEqual([
      'Team KB (Sharely, https://api.sharely.ai) — replaces the current one',
      'Team KB: API base URL https://api.sharely.ai → https://api.sharely.ai/v2',
      'Team KB: the API key saved in this browser is kept.',
    ]);
  });

  it('lists each preference that changes, old → new, and applying changes only those', async () => {
    const ops = await loadOps({ ...DEFAULT_PREFERENCES, retentionDays: 30 });
    const view = await ops.previewImport(fileWith([], { preferences: { retentionMaxRecords: 1, stripTracking: false, retentionDays: 30 } }));
    if (!view.ok) throw new Error(view.text);
    expect(view.lines).toEqual([
      'Preference “Remove tracking parameters (utm_*, fbclid, gclid, …) from saved links”: on → off',
      'Preference “Keep at most (delivered captures)”: 10000 → 1',
    ]);
    await view.apply();
    expect(await preferencesItem.getValue()).toMatchObject({ ...DEFAULT_PREFERENCES, retentionDays: 30, stripTracking: false, retentionMaxRecords: 1, defaultDestinationId: 'd-1' });
  });

  it('says so when the file changes nothing', async () => {
    expect(await previewLines(fileWith([], { preferences: { stripTracking: true } }))).toEqual(['Nothing: these settings are the ones you have.']);
  });

  it('refuses a destination whose address the form would refuse, saying why, and changes nothing', async () => {
    const ops = await loadOps();
    const view = await ops.previewImport(fileWith([{ ...stored, name: 'Evil', baseUrl: 'javascript:fetch(1)' }]));
    expect(view).toEqual({
      ok: false,
      text: 'Destination 1 (Evil) in that file has an address Keeplink does not accept: API base URL must be a full address starting with https://. Nothing was imported.',
    });
    const insecure = await ops.previewImport(fileWith([{ ...stored, name: 'Plain', baseUrl: 'http://collector.example' }]));
    expect(insecure).toMatchObject({ ok: false, text: expect.stringContaining('API base URL must use https; plain http is allowed only for localhost and 127.0.0.1.') });
    expect(await destinationsItem.getValue()).toEqual([stored]);
  });
});
