// Renders the options page on its production services: createOptionsServices over the real ops (createOptionsOps),
// fakeBrowser storage and the real outbox (fake IndexedDB). Only what fakeBrowser lacks is faked: permissions, the
// network and the confirmation dialog. Every service is a spy that calls the real one.
import { render } from '@testing-library/preact';
import { vi, type Mock } from 'vitest';
import { OptionsApp, type OptionsServices } from '../../../components/OptionsApp';
import { createOptionsServices } from '../../../entrypoints/options/services';
import type { KeeplinkError } from '../../../lib/errors';
import { onOutboxChanged } from '../../../lib/outbox/changes';
import type { Outbox } from '../../../lib/outbox/outbox';
import { onManagedChanged, readManagedPolicy } from '../../../lib/platform/managed';
import { destinationsItem, managedLocalItem, preferencesItem } from '../../../lib/platform/storage';
import type { Destination } from '../../../lib/providers';
import type { ProviderId } from '../../../lib/providers/types';
import { destinations as fixtures } from '../../contracts/fixtures';
import { makeCapture, must, T0 } from '../outbox/fixtures';
import { optionsOpsDeps, readyOptionsOps, type OptionsOpsFakes } from '../options-ops';
import { settleAs } from './record-states';

/** A stored destination as the page will find it: its settings, and what its captures and permission are. */
export interface Seed {
  id: string;
  name: string;
  provider?: ProviderId;
  /** Settings beyond the provider's contract fixture (the stored key, ids…). */
  settings?: Record<string, unknown>;
  isDefault?: boolean;
  needsPermission?: boolean;
  /** Captures waiting for it in the outbox. */
  pending?: number;
  /** Pauses it: one of its captures was settled as paused with this error. */
  paused?: KeeplinkError;
}

export function stored(seed: Seed): Destination {
  const provider = seed.provider ?? 'sharely';
  return { ...fixtures[provider], id: seed.id, name: seed.name, ...seed.settings } as Destination;
}

type Spies = { [K in keyof OptionsServices]: Mock<OptionsServices[K]> };

export interface OptionsHarness extends Spies {
  /** The ops' browser fakes: permission checks and requests, the network, flush requests, downloads. */
  fakes: OptionsOpsFakes;
  /** The page's outbox (the real one, on fake IndexedDB). */
  outbox: Outbox;
  confirm: Mock<(text: string) => boolean>;
  unsubscribe: Mock<() => void>;
  /** Grants every origin and tells the page, as the browser's permissions.onAdded would. */
  grantAll(): void;
}

export async function seedOptions(seeds: readonly Seed[]): Promise<void> {
  await destinationsItem.setValue(seeds.map(stored));
  const preferred = seeds.find((s) => s.isDefault);
  if (preferred) await preferencesItem.setValue({ defaultDestinationId: preferred.id });
}

export async function showOptions(seeds: readonly Seed[] = []): Promise<OptionsHarness> {
  await seedOptions(seeds);
  const deps = optionsOpsDeps();
  const denied = new Set(seeds.filter((s) => s.needsPermission).map((s) => stored(s).baseUrl));
  deps.hasPermission.mockImplementation((baseUrl) => Promise.resolve(!denied.has(baseUrl)));
  for (const seed of seeds) {
    for (let i = 0; i < (seed.pending ?? 0); i++) {
      const { record } = must(await deps.outbox.enqueue(makeCapture({ destinationId: seed.id, title: `Waiting ${i + 1}` })));
      if (seed.paused && i === 0) await settleAs(deps.outbox, record, 'paused', { now: T0, error: seed.paused });
    }
  }

  const permissionListeners = new Set<() => void>();
  const confirm = vi.fn<(text: string) => boolean>(() => true);
  const unsubscribe = vi.fn<() => void>();
  const real = createOptionsServices({
    loadOps: () => readyOptionsOps(deps),
    destinations: destinationsItem,
    preferences: preferencesItem,
    hasPermission: deps.hasPermission,
    requestPermission: deps.requestPermission,
    requestNotifications: () => Promise.resolve(true),
    onPermissionsAdded(listener) {
      permissionListeners.add(listener);
      return () => permissionListeners.delete(listener);
    },
    onPermissionsRemoved(listener) {
      permissionListeners.add(listener);
      return () => permissionListeners.delete(listener);
    },
    onOutboxChanged,
    confirm,
    readPolicy: readManagedPolicy,
    onPolicyChanged: onManagedChanged,
    managedLocal: managedLocalItem,
  });
  const spies: Spies = {
    loadServices: vi.fn(real.loadServices),
    load: vi.fn(real.load),
    subscribe: vi.fn<OptionsServices['subscribe']>((onChange) => {
      const stop = real.subscribe(onChange);
      return () => {
        unsubscribe();
        stop();
      };
    }),
    formFor: vi.fn(real.formFor),
    save: vi.fn(real.save),
    warnings: vi.fn(real.warnings),
    chooseCollection: vi.fn(real.chooseCollection),
    remove: vi.fn(real.remove),
    makeDefault: vi.fn(real.makeDefault),
    grant: vi.fn(real.grant),
    retry: vi.fn(real.retry),
    checkConnection: vi.fn(real.checkConnection),
    sendTestLink: vi.fn(real.sendTestLink),
    exportSettings: vi.fn(real.exportSettings),
    previewImport: vi.fn(real.previewImport),
    loadPreferences: vi.fn(real.loadPreferences),
    loadPolicy: vi.fn(real.loadPolicy),
    setPreferences: vi.fn(real.setPreferences),
    deleteAllData: vi.fn(real.deleteAllData),
  };
  render(<OptionsApp services={spies} />);
  return {
    ...spies,
    fakes: deps,
    outbox: deps.outbox,
    confirm,
    unsubscribe,
    grantAll() {
      denied.clear();
      permissionListeners.forEach((listener) => listener());
    },
  };
}
