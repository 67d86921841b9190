import { describe, expect, it } from 'vitest';
import { changedDestinationIds, defaultDestination, DEFAULT_PREFERENCES, parseDestinations, parsePreferences, upsertDestination } from '../../lib/settings';
import type { Destination } from '../../lib/providers';
import { destinations } from '../contracts/fixtures';

describe('settings', () => {
  it('keeps invalid stored destinations apart instead of dropping them', () => {
    const parsed = parseDestinations([destinations.sharely, { id: 'broken', provider: 'sharely' }]);
    expect(parsed.valid.map((d) => d.id)).toEqual([destinations.sharely.id]);
    expect(parsed.invalid).toHaveLength(1);
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
