// The worker's composition root: wires the outbox, providers, sync and browser APIs together.
import { browser } from 'wxt/browser';
import { originPattern } from '../destination';
import { createOutbox } from '../outbox/outbox';
import { getProvider } from '../providers';
import type { DestinationCommon, Provider } from '../providers/types';
import { parseDestinations, parsePreferences } from '../settings';
import { resolveSyncConfig, type SyncConfig } from '../sync/config';
import { flushOutbox } from '../sync/flush';
import { createPacer } from '../sync/pacer';
import { saveFromMenu, type MenuClick } from '../worker/save-from-menu';
import { createSyncRunner } from '../worker/sync-runner';
import { armSyncAlarm } from './alarm';
import { showUndeliveredCount } from './badge';
import { readLinkText } from './menus';
import { hasOriginPermission } from './permissions';
import { destinationsItem, preferencesItem } from './storage';

/** Test builds only: short waits so end-to-end tests finish in seconds. Production uses the defaults. */
const E2E_SYNC_OVERRIDES: Partial<SyncConfig> = {
  requestTimeoutMs: 5_000,
  leaseMs: 8_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 4_000,
  minAlarmDelayMs: 1_000,
};

export async function loadSettings() {
  const [destinations, preferences] = await Promise.all([destinationsItem.getValue(), preferencesItem.getValue()]);
  return { destinations: parseDestinations(destinations).valid, preferences: parsePreferences(preferences) };
}

export function createWorkerServices(options: { e2e: boolean }) {
  const config = resolveSyncConfig(options.e2e ? E2E_SYNC_OVERRIDES : {});
  const outbox = createOutbox();
  const pacer = createPacer(config);

  const flushNow = () =>
    flushOutbox({
      outbox,
      getDestinations: async () => (await loadSettings()).destinations,
      getProvider: (id) => getProvider(id) as unknown as Provider,
      hasPermission: (destination: DestinationCommon) => hasOriginPermission(originPattern(destination.baseUrl)),
      fetch: (input, init) => fetch(input, init),
      now: () => Date.now(),
      random: () => Math.random(),
      config,
      locks: navigator.locks,
      pacer,
    });

  const refreshBadge = async () => showUndeliveredCount(await outbox.countUndelivered());
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;

  const runner = createSyncRunner({
    flush: flushNow,
    armAlarm: armSyncAlarm,
    refreshBadge,
    now: () => Date.now(),
    config,
    onError: (error) => console.error('Keeplink sync failed', error instanceof Error ? error.name : 'unknown'),
  });
  const requestFlush = () => void runner.request();

  return {
    requestFlush,
    flushNow: () => runner.request(),
    refreshBadgeSoon() {
      clearTimeout(badgeTimer);
      badgeTimer = setTimeout(() => void refreshBadge(), 50);
    },
    /** Resumes paused destinations: the given ids (their settings changed), or every one paused for permission. */
    async resume(ids: readonly string[] | undefined, reason: 'settings' | 'permission') {
      const targets =
        reason === 'settings'
          ? (ids ?? [])
          : (await outbox.listPauses()).filter((p) => p.error.code === 'permission-missing').map((p) => p.destinationId);
      for (const id of targets) await outbox.resumeDestination(id);
      requestFlush();
    },
    async saveFromMenu(info: MenuClick, tab?: { id?: number; url?: string; title?: string; incognito?: boolean }) {
      const saved = await saveFromMenu(info, tab, { loadSettings, readLinkText, outbox, requestFlush });
      if (!saved.ok && saved.error.code === 'destination-missing') await browser.runtime.openOptionsPage();
      return saved;
    },
  };
}
