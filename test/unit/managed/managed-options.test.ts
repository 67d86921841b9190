// The options page's real ops (entrypoints/options/ops.ts) with an organization's policy in storage.managed.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { destinationsItem, managedLocalItem, preferencesItem } from '../../../lib/platform/storage';
import { SETTINGS_FORMAT } from '../../../lib/settings-transfer';
import { destinations as fixtures } from '../../contracts/fixtures';
import { optionsOpsDeps, readyOptionsOps } from '../options-ops';

const POLICY_KEY = 'policy-key-0123456789';
const policy = {
  destinations: [
    { id: 'team', provider: 'linkding', name: 'Team links', baseUrl: 'https://links.example.com', apiKey: POLICY_KEY },
    { id: 'mine', provider: 'linkding', name: 'My links', baseUrl: 'https://links.example.com', apiKey: '' },
  ],
  preferences: { stripTracking: false },
  allowedServices: ['linkding', 'sharely'],
};
const fileWith = (destinations: unknown[], preferences: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version: 1, exportedAt: '2026-12-01T00:00:00.000Z', keysIncluded: true, destinations, preferences });

async function loadOps() {
  await fakeBrowser.storage.managed.set(policy);
  await destinationsItem.setValue([fixtures.sharely]);
  await preferencesItem.setValue({ stripTracking: true, retentionDays: 30 });
  const deps = optionsOpsDeps();
  return { ops: await readyOptionsOps(deps), deps };
}

beforeEach(() => {
  fakeBrowser.runtime.sendMessage = () => Promise.resolve(undefined);
});

describe('Options with a managed policy', () => {
  it('opens a locked destination read-only, says so, and never puts the policy key in the form', async () => {
    const { ops } = await loadOps();
    const form = await ops.formFor('managed-team');
    expect(form).toMatchObject({ managed: true, locked: true, keyEditable: false, keySaved: true, apiKey: '', name: 'Team links' });
    expect(JSON.stringify(form)).not.toContain(POLICY_KEY);
    expect(await ops.destinationStatus({ id: 'managed-team', name: 'Team links', provider: 'linkding' })).toMatchObject({ managed: { locked: true } });
  });

  it('refuses an edit of a locked destination in the ops, not only in the form, and stores nothing', async () => {
    const { ops, deps } = await loadOps();
    const form = await ops.formFor('managed-team');
    const answer = ops.saveDestination('linkding', { ...form, name: 'Renamed', baseUrl: 'https://evil.example' });
    expect(answer).toEqual({ ok: false, errors: { provider: 'Set by your organization: this cannot be changed here.' } });
    expect(deps.requestPermission).not.toHaveBeenCalled();
    expect(await managedLocalItem.getValue()).toEqual({});
    await ops.removeDestination('managed-team', { deleteCaptures: true });
    expect(ops.nameOf('managed-team')).toBe('Team links');
  });

  it('asks for the key the admin left empty, stores it in storage.local with its origin, and resumes the destination', async () => {
    const { ops, deps } = await loadOps();
    expect((await ops.destinationStatus({ id: 'managed-mine', name: 'My links', provider: 'linkding' })).pausedText).toContain('API key');
    const form = await ops.formFor('managed-mine');
    expect(form).toMatchObject({ locked: true, keyEditable: true, keySaved: false });
    expect(ops.saveDestination('linkding', form)).toMatchObject({ ok: false, errors: { apiKey: expect.any(String) } });
    expect(ops.saveDestination('linkding', { ...form, apiKey: 'user-key' })).toEqual({ ok: true });
    expect(deps.requestPermission).toHaveBeenCalledWith('https://links.example.com');
    await expect.poll(() => managedLocalItem.getValue()).toEqual({ 'managed-mine': { apiKey: 'user-key', keyOrigin: 'https://links.example.com' } });
    expect((await ops.formFor('managed-mine')).keySaved).toBe(true);
  });

  it('offers for adding only the services the policy allows, and refuses another one in the ops', async () => {
    const { ops } = await loadOps();
    expect(ops.serviceInfos().filter((s) => s.addable !== false).map((s) => s.id)).toEqual(['sharely', 'linkding']);
    const webhook = { ...fixtures.webhook, id: '', extraHeaders: '' } as unknown as Record<string, string>;
    expect(ops.saveDestination('webhook', webhook)).toEqual({ ok: false, errors: { provider: 'Your organization does not allow adding JSON webhook destinations.' } });
  });

  it('shows the policy’s preferences in force, marked, and a change of them is not stored', async () => {
    const { ops } = await loadOps();
    expect(await ops.loadPreferences()).toMatchObject({ stripTracking: false, retentionDays: 30 });
    expect(ops.policyNotes()).toEqual({ problems: [], managedPreferences: ['stripTracking'] });
    await ops.savePreferences({ stripTracking: false, retentionDays: 5 });
    expect(await preferencesItem.getValue()).toMatchObject({ stripTracking: true, retentionDays: 5 });
  });

  it('names each ignored part of the policy in words', async () => {
    await fakeBrowser.storage.managed.set({ destinations: [{ id: 'x', provider: 'linkding', name: 'X', baseUrl: 'http://links.example.com' }], preferences: { retentionDays: 0 } });
    const ops = await readyOptionsOps();
    expect(ops.policyNotes().problems).toEqual([
      "Ignored in your organization's policy: destinations.0 — the base URL must be https (http only for localhost), without query or fragment",
      "Ignored in your organization's policy: preferences.retentionDays — not a valid value for a preference a policy can set",
    ]);
  });

  it('never exports a policy destination or its key, even when keys are asked for', async () => {
    const { ops, deps } = await loadOps();
    await ops.downloadSettings(true);
    const [, , text] = deps.download.mock.calls[0]!;
    expect(text).not.toContain(POLICY_KEY);
    expect(text).not.toContain('managed-');
    expect(JSON.parse(text).destinations.map((d: { id: string }) => d.id)).toEqual([fixtures.sharely.id]);
  });

  it('an import cannot add a service the policy does not allow, replace a policy destination or change its preferences, and the preview says why', async () => {
    const { ops } = await loadOps();
    const view = await ops.previewImport(
      fileWith([fixtures.webhook, { ...fixtures.linkding, id: 'managed-team', name: 'Hijack', baseUrl: 'https://evil.example' }, fixtures.linkding], { stripTracking: true }),
    );
    if (!view.ok) throw new Error(view.text);
    expect(view.lines.slice(0, 3)).toEqual([
      'Test: not imported — your organization does not allow adding JSON webhook destinations.',
      'Hijack: not imported — its id belongs to a destination set by your organization.',
      'Remove tracking parameters (utm_*, fbclid, gclid, …) from saved links: not imported — set by your organization.',
    ]);
    await view.apply();
    const stored = (await destinationsItem.getValue()) as { id: string }[];
    expect(stored.map((d) => d.id)).toEqual([fixtures.sharely.id, fixtures.linkding.id]);
    expect(await preferencesItem.getValue()).toMatchObject({ stripTracking: true });
    expect(ops.baseUrlOf('managed-team')).toBe('https://links.example.com');
  });
});
