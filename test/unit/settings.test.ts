import { describe, expect, it } from 'vitest';
import { defaultDestination } from '../../lib/default-destination';
import { changedDestinationIds, DEFAULT_PREFERENCES, keepInvalidEntries, parseDestinations, parsePreferences, upsertDestination } from '../../lib/settings';
import type { Destination } from '../../lib/providers';
import { destinations } from '../contracts/fixtures';

describe('settings', () => {
  it('keeps invalid stored destinations apart instead of dropping them', () => {
    const parsed = parseDestinations([destinations.sharely, { id: 'broken', provider: 'sharely' }]);
    expect(parsed.valid.map((d) => d.id)).toEqual([destinations.sharely.id]);
    expect(parsed.invalid).toEqual([{ id: 'broken', error: expect.objectContaining({ code: 'field-invalid', field: 'name', details: { scope: 'settings' } }) }]);
  });

  it('names the field to fix in an invalid stored destination, and skips entries nothing can refer to', () => {
    const badWorkspace = { ...destinations.sharely, id: 'w', workspaceId: '' };
    const parsed = parseDestinations([badWorkspace, { provider: 'sharely' }, 'junk', { id: 'u', provider: 'gone-service' }]);
    expect(parsed.invalid.map((entry) => [entry.id, entry.error.field])).toEqual([
      ['w', 'workspaceId'],
      ['u', 'provider'],
    ]);
  });

  it('keeps stored entries that no longer validate through an edit, and drops one only when removed', () => {
    const broken = { id: 'broken', provider: 'sharely', name: 'Old' };
    const edited = { ...destinations.sharely, name: 'Renamed' };
    const stored = [destinations.sharely, broken, destinations.poozle];
    expect(keepInvalidEntries(stored, [edited, destinations.poozle])).toEqual([edited, broken, destinations.poozle]);
    expect(keepInvalidEntries(stored, [edited])).toEqual([edited, broken]);
    expect(keepInvalidEntries(stored, [edited, destinations.poozle], 'broken')).toEqual([edited, destinations.poozle]);
    expect(keepInvalidEntries(stored, [edited, destinations.poozle, destinations.shortpen])).toEqual([edited, broken, destinations.poozle, destinations.shortpen]);
  });

  it('falls back to defaults for missing or bad preferences', () => {
    expect(parsePreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ stripTracking: 'yes' })).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ defaultDestinationId: 'x' }).stripTracking).toBe(true);
  });

  it('picks the chosen default, or the first destination', () => {
    const list = [destinations.sharely, destinations.shortpen];
    expect(defaultDestination(list, { ...DEFAULT_PREFERENCES, defaultDestinationId: destinations.shortpen.id })?.id).toBe(destinations.shortpen.id);
    expect(defaultDestination(list, { ...DEFAULT_PREFERENCES, defaultDestinationId: 'gone' })?.id).toBe(destinations.sharely.id);
  });

  it('upserts by id and finds edited destinations', () => {
    const edited = { ...destinations.sharely, apiKey: 'new' };
    expect(upsertDestination([destinations.sharely], edited)).toEqual([edited]);
    expect(upsertDestination<Destination>([destinations.sharely], destinations.poozle)).toHaveLength(2);
    expect(changedDestinationIds([destinations.sharely, destinations.poozle], [edited, destinations.poozle])).toEqual([destinations.sharely.id]);
  });
});
