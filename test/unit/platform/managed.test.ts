import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onManagedChanged, readManagedPolicy } from '../../../lib/platform/managed';
import { loadMergedSettings } from '../../../lib/platform/merged-settings';
import { startPopupReads } from '../../../lib/platform/popup-reads';
import { destinationsItem, managedLocalItem } from '../../../lib/platform/storage';
import { loadSettings } from '../../../lib/worker/services';
import { destinations as fixtures } from '../../contracts/fixtures';

const policy = {
  destinations: [
    { id: 'team', provider: 'linkding', name: 'Team links', baseUrl: 'https://links.example.com', apiKey: 'policy-key' },
    { id: 'mine', provider: 'linkding', name: 'My links', baseUrl: 'https://links.example.com', apiKey: '' },
  ],
};

describe('reading the policy', () => {
  it('is no policy, not an error, when the browser rejects or throws (Firefox without policies.json)', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    await expect(readManagedPolicy()).resolves.toEqual({});
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => {
      throw new Error('storage.managed is not available');
    });
    await destinationsItem.setValue([fixtures.sharely]);
    expect((await loadMergedSettings()).destinations.map((d) => d.id)).toEqual([fixtures.sharely.id]);
  });

  it('the popup still opens when the browser throws at once on the policy read (Firefox’s popup does)', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => {
      throw new Error('storage.managed is not available here');
    });
    await destinationsItem.setValue([fixtures.sharely]);
    const stored = await startPopupReads('').stored;
    expect(stored.policy).toEqual({});
    expect(stored.destinations).toEqual([fixtures.sharely]);
  });

  it('gives the worker the merged list: a policy destination is delivered to like any other, and one waiting for its key is held', async () => {
    await fakeBrowser.storage.managed.set(policy);
    await destinationsItem.setValue([fixtures.sharely]);
    const settings = await loadSettings();
    expect(settings.destinations.map((d) => d.id)).toEqual(['managed-team', fixtures.sharely.id]);
    expect(settings.invalidDestinations.map((d) => [d.id, d.error.field])).toEqual([['managed-mine', 'apiKey']]);
    await managedLocalItem.setValue({ 'managed-mine': { apiKey: 'typed', keyOrigin: 'https://links.example.com' } });
    expect((await loadSettings()).destinations.find((d) => d.id === 'managed-mine')?.apiKey).toBe('typed');
  });

  it('calls back on a change of the managed area only', async () => {
    const seen = vi.fn();
    const stop = onManagedChanged(seen);
    await fakeBrowser.storage.local.set({ other: 1 });
    expect(seen).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set(policy);
    expect(seen).toHaveBeenCalledTimes(1);
    stop();
    await fakeBrowser.storage.managed.set({});
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
