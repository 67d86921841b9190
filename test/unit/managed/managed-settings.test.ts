import { describe, expect, it } from 'vitest';
import { parseManagedPolicy } from '../../../lib/managed-policy';
import { applyManagedEdit, checkUserDestination, withoutManagedPreferences } from '../../../lib/managed-edits';
import { mergeSettings, type ManagedLocal } from '../../../lib/managed-settings';
import type { Destination } from '../../../lib/providers';
import { destinations as fixtures } from '../../contracts/fixtures';

const locked = { id: 'team', provider: 'linkding', name: 'Team links', baseUrl: 'https://links.example.com', apiKey: 'policy-key' };
const keyForUser = { ...locked, id: 'mine', name: 'My links', apiKey: '' };
const open = { ...locked, id: 'open', name: 'Open links', locked: false };
const policyOf = (...entries: object[]) => ({ destinations: entries });
const merged = (policy: unknown, managedLocal: ManagedLocal = {}, user: unknown[] = [fixtures.sharely]) =>
  mergeSettings({ policy, destinations: user, preferences: { stripTracking: true, retentionDays: 10 }, managedLocal });
const find = (m: ReturnType<typeof merged>, id: string) => m.managed.find((v) => v.destination.id === id)!;
const edit = (policy: unknown, local: ManagedLocal, id: string, change: Partial<Destination>, typedKey = '') => {
  const parsed = parseManagedPolicy(policy);
  const current = find(merged(policy, local), id).destination;
  return applyManagedEdit(parsed, local, { destination: { ...current, ...change } as Destination, typedKey });
};

describe('merged settings', () => {
  it('lists the policy’s destinations first, then the user’s, and each policy preference overrides and is marked', () => {
    const m = mergeSettings({
      policy: { ...policyOf(locked), preferences: { stripTracking: false } },
      destinations: [fixtures.sharely],
      preferences: { stripTracking: true, retentionDays: 10 },
      managedLocal: {},
    });
    expect(m.destinations.map((d) => d.id)).toEqual(['managed-team', fixtures.sharely.id]);
    expect(m.preferences).toMatchObject({ stripTracking: false, retentionDays: 10 });
    expect(m.managedPreferences).toEqual(['stripTracking']);
    expect(m.managed[0]).toMatchObject({ locked: true, keyEditable: false, edited: false });
  });

  it('keeps the user’s destinations whatever the policy holds, even an invalid one', () => {
    const m = merged('not a policy', {}, [fixtures.sharely, { id: 'broken', provider: 'sharely' }]);
    expect(m.destinations.map((d) => d.id)).toEqual([fixtures.sharely.id]);
    expect(m.invalidDestinations.map((d) => d.id)).toEqual(['broken']);
    expect(m.policy.problems).toEqual([{ part: 'policy', reason: 'not-an-object' }]);
  });

  it('never lets a user entry stand in for a policy destination', () => {
    const impostor = { ...fixtures.linkding, id: 'managed-team', baseUrl: 'https://evil.example' };
    const m = merged(policyOf(locked), {}, [impostor]);
    expect(m.destinations).toEqual([expect.objectContaining({ id: 'managed-team', baseUrl: 'https://links.example.com', apiKey: 'policy-key' })]);
  });

  it('holds back a destination whose key was left to the user until it is filled in, with the field to fix', () => {
    const waiting = merged(policyOf(keyForUser));
    expect(waiting.destinations.map((d) => d.id)).toEqual([fixtures.sharely.id]);
    expect(waiting.invalidDestinations).toEqual([{ id: 'managed-mine', error: expect.objectContaining({ code: 'field-invalid', field: 'apiKey' }) }]);
    expect(find(waiting, 'managed-mine')).toMatchObject({ locked: true, keyEditable: true });

    const filled = edit(policyOf(keyForUser), {}, 'managed-mine', {}, ' user-key ');
    expect(filled).toEqual({ ok: true, value: { 'managed-mine': { apiKey: 'user-key', keyOrigin: 'https://links.example.com' } } });
    const ready = merged(policyOf(keyForUser), filled.ok ? filled.value : {});
    expect(ready.destinations[0]).toMatchObject({ id: 'managed-mine', apiKey: 'user-key' });
    expect(ready.invalidDestinations).toEqual([]);
  });

  it('sends a user’s key only to the origin it was entered for, when the admin moves the destination', () => {
    const local: ManagedLocal = { 'managed-mine': { apiKey: 'user-key', keyOrigin: 'https://links.example.com' } };
    const moved = merged(policyOf({ ...keyForUser, baseUrl: 'https://other.example.com' }), local);
    expect(find(moved, 'managed-mine').destination.apiKey).toBe('');
    expect(moved.destinations.map((d) => d.id)).not.toContain('managed-mine');
  });
});

describe('lock rules (refused in lib, not only hidden in the form)', () => {
  it('refuses any change to a locked destination, and its policy key cannot be replaced', () => {
    expect(edit(policyOf(locked), {}, 'managed-team', { name: 'Mine now' })).toEqual({ ok: false, reason: 'locked' });
    expect(edit(policyOf(locked), {}, 'managed-team', { baseUrl: 'https://evil.example' })).toEqual({ ok: false, reason: 'locked' });
    expect(edit(policyOf(locked), {}, 'managed-team', {}, 'other-key')).toEqual({ ok: false, reason: 'locked' });
    // Saving the form unchanged is no edit.
    expect(edit(policyOf(locked), {}, 'managed-team', {})).toEqual({ ok: true, value: {} });
  });

  it('takes only the key on a locked entry whose key was left to the user', () => {
    expect(edit(policyOf(keyForUser), {}, 'managed-mine', { name: 'Renamed' }, 'k')).toEqual({ ok: false, reason: 'locked' });
    expect(edit(policyOf(keyForUser), {}, 'managed-mine', { unread: true }, 'k')).toEqual({ ok: false, reason: 'locked' });
  });

  it('refuses an edit of an id the policy does not hold', () => {
    expect(applyManagedEdit(parseManagedPolicy({}), {}, { destination: { ...fixtures.linkding, id: 'managed-x' }, typedKey: '' })).toEqual({ ok: false, reason: 'not-managed' });
  });

  it('lets the user edit an unlocked destination; the edit holds until the admin changes that entry', () => {
    const changed = edit(policyOf(open), {}, 'managed-open', { name: 'My name', unread: true });
    if (!changed.ok) throw new Error('refused');
    const after = merged(policyOf(open), changed.value);
    expect(find(after, 'managed-open')).toMatchObject({ edited: true, destination: { name: 'My name', unread: true, apiKey: 'policy-key' } });
    // Another entry changing leaves this edit alone; this entry changing replaces it with the admin's values.
    expect(find(merged(policyOf(open, locked), changed.value), 'managed-open').destination.name).toBe('My name');
    const adminChanged = merged(policyOf({ ...open, name: 'New policy name' }), changed.value);
    expect(find(adminChanged, 'managed-open')).toMatchObject({ edited: false, destination: { name: 'New policy name' } });
  });

  it('never lets the policy’s key follow an unlocked destination the user points at another origin', () => {
    const moved = edit(policyOf(open), {}, 'managed-open', { baseUrl: 'https://mine.example.org' });
    if (!moved.ok) throw new Error('refused');
    const view = find(merged(policyOf(open), moved.value), 'managed-open');
    expect(view.destination).toMatchObject({ baseUrl: 'https://mine.example.org', apiKey: '' });
    expect(JSON.stringify(moved.value)).not.toContain('policy-key');
    const withOwnKey = edit(policyOf(open), moved.value, 'managed-open', {}, 'my-key');
    if (!withOwnKey.ok) throw new Error('refused');
    expect(find(merged(policyOf(open), withOwnKey.value), 'managed-open').destination.apiKey).toBe('my-key');
  });

  it('limits the services of the user’s own new destinations to allowedServices, and reserves policy ids', () => {
    const policy = parseManagedPolicy({ allowedServices: ['linkding'] });
    expect(checkUserDestination(policy, fixtures.webhook, true)).toBe('service-not-allowed');
    expect(checkUserDestination(policy, fixtures.linkding, true)).toBeUndefined();
    // An existing destination of a service no longer allowed stays editable: never lose the user's data.
    expect(checkUserDestination(policy, fixtures.webhook, false)).toBeUndefined();
    expect(checkUserDestination(policy, { ...fixtures.linkding, id: 'managed-team' }, true)).toBe('managed-id');
  });

  it('drops the preferences the policy sets from a change the user makes', () => {
    expect(withoutManagedPreferences({ stripTracking: false, retentionDays: 5 }, ['stripTracking'])).toEqual({ retentionDays: 5 });
  });
});
