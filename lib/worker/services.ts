// The worker's composition root: wires the outbox, providers, sync and browser APIs together.
import type { CaptureInput } from '../capture';
import type { CaptureWords } from '../menu-capture';
import { createOutbox } from '../outbox/outbox';
import { withProvider } from '../providers';
import { keeplinkError, type Result } from '../errors';
import { resolveSyncConfig, type SyncConfig } from '../sync/config';
import { flushOutbox } from '../sync/flush';
import { createPacer } from '../sync/pacer';
import { planSaveAllTabs, type BulkSummary } from './save-all-tabs';
import { addSelectionIfWanted, saveFromMenu, saveInput, type MenuClick } from './save-from-menu';
import { saveCaptures, type SavedCapture } from '../save-capture';
import { defaultDestination } from '../default-destination';
import { createSyncRunner } from './sync-runner';
import { armSyncAlarm } from '../platform/alarm';
import { showSavedMark, showUndeliveredCount } from '../platform/badge';
import { createMenus, readLinkText } from '../platform/menus';
import { readSelection } from '../platform/read-page-metadata';
import { planMenus } from './menu-plan';
import { activeTab, allTabs, hasIncognitoWindow, tabsOfWindow, type TabInfo } from '../platform/tabs';
import { createSavedMarks } from './saved-marks';
import { hasDestinationPermission } from '../platform/permissions';
import { loadMergedSettings } from '../platform/merged-settings';
import { isManagedId } from '../managed-ids';
import { createStoredTokenSessions } from '../platform/token-store';

/** Test builds only: short waits so end-to-end tests finish in seconds. Production uses the defaults. */
const E2E_SYNC_OVERRIDES: Partial<SyncConfig> = {
  requestTimeoutMs: 5_000,
  leaseMs: 8_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 4_000,
  minAlarmDelayMs: 1_000,
  rateSlowdownMs: 5_000,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** The organization's destinations and preferences merged with the user's: a managed destination delivers like any other. */
export async function loadSettings() {
  const { destinations, invalidDestinations, preferences } = await loadMergedSettings();
  return { destinations, invalidDestinations, preferences };
}

/** savedTitle: the toolbar tooltip of a tab whose page is already saved. */
export function createWorkerServices(options: { e2e: boolean; words: CaptureWords; savedTitle: string }) {
  const config = resolveSyncConfig(options.e2e ? E2E_SYNC_OVERRIDES : {});
  const outbox = createOutbox();
  const pacer = createPacer(config);
  const tokens = createStoredTokenSessions();

  const flushNow = () =>
    flushOutbox({
      outbox,
      getDestinations: async () => {
        const { destinations, invalidDestinations } = await loadSettings();
        return { valid: destinations, invalid: invalidDestinations };
      },
      withProvider,
      hasPermission: (destination) => hasDestinationPermission(destination.baseUrl),
      fetch: (input, init) => fetch(input, init),
      now: () => Date.now(),
      random: () => Math.random(),
      config,
      locks: navigator.locks,
      pacer,
      tokens,
    });

  const refreshBadge = async () => showUndeliveredCount(await outbox.countUndelivered());
  const savedMarks = createSavedMarks({
    findSavedPage: (page, match) => outbox.findSavedPage(page, match),
    get: (id) => outbox.get(id),
    tabs: allTabs,
    show: (tabId, saved) => showSavedMark(tabId, saved, options.savedTitle),
  });
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;

  // Delivered history is pruned in the background, at most hourly unless an incognito session just ended;
  // undelivered records are never pruned, except the failed and paused ones of an ended incognito session.
  let lastPrune = 0;
  const pruneHistory = async (options: { now?: boolean } = {}) => {
    if (!options.now && Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const [{ preferences }, incognitoOpen] = await Promise.all([loadSettings(), hasIncognitoWindow().catch(() => true)]);
    await outbox.prune({ maxAgeMs: preferences.retentionDays * DAY_MS, maxRecords: preferences.retentionMaxRecords, endedIncognito: !incognitoOpen });
  };

  const runner = createSyncRunner({
    flush: flushNow,
    housekeep: () => pruneHistory(),
    armAlarm: armSyncAlarm,
    refreshBadge,
    now: () => Date.now(),
    config,
    onError: (error) => console.error('Keeplink sync failed', error instanceof Error ? error.name : 'unknown'),
  });
  const requestFlush = () => void runner.request();

  async function enqueueMany(inputs: readonly CaptureInput[]) {
    const report = await saveCaptures(inputs, await loadSettings(), { outbox, requestFlush });
    const saved = report.ok ? report.value.saved : [];
    return {
      queued: saved.length,
      duplicates: saved.filter((r) => r.duplicateOf).length,
      rejected: report.ok ? report.value.rejected.map(({ index, error }) => ({ index, code: error.code })) : [],
      error: report.ok ? undefined : report.error,
    };
  }

  return {
    requestFlush,
    flushNow: () => runner.request(),
    refreshBadgeSoon() {
      clearTimeout(badgeTimer);
      badgeTimer = setTimeout(() => void refreshBadge(), 50);
    },
    /**
     * Resumes paused destinations: the given ids (their settings changed), every one paused for permission, or every
     * policy destination (the policy, or a key the user keeps for one, changed).
     */
    async resume(ids: readonly string[] | undefined, reason: 'settings' | 'permission' | 'managed') {
      const pauses = reason === 'settings' ? [] : await outbox.listPauses();
      const targets =
        reason === 'settings'
          ? (ids ?? [])
          : pauses.filter((p) => (reason === 'managed' ? isManagedId(p.destinationId) : p.error.code === 'permission-missing')).map((p) => p.destinationId);
      for (const id of targets) await outbox.resumeDestination(id);
      requestFlush();
    },
    /** The toolbar's "already saved" mark: for a tab that loaded a page, and for the tabs of pages just delivered. */
    markTab: savedMarks.markTab,
    markDelivered: savedMarks.markDelivered,
    /** The bulk path (save all tabs, imports, the chaos test): one transaction for all of them. */
    enqueueMany,
    saveFromMenu: (info: MenuClick, tab?: TabInfo): Promise<Result<SavedCapture>> => saveFromMenu(info, tab, { loadSettings, readLinkText, readSelection, outbox, requestFlush, words: options.words }),
    /** The quick-save shortcut: the active tab to the default destination, no popup. */
    async quickSave(tab?: TabInfo): Promise<Result<SavedCapture>> {
      const target = tab ?? (await activeTab());
      return saveInput(
        ({ destinations, preferences }) => defaultDestination(destinations, preferences),
        (destinationId, settings) =>
          addSelectionIfWanted(
            { page: { url: target?.url ?? '', title: target?.title ?? '' }, source: 'shortcut', destinationId, ...(target?.incognito ? { incognito: true } : {}) },
            target?.id,
            settings,
            readSelection,
          ),
        { loadSettings, outbox, requestFlush },
      );
    },
    /** Web tabs of the window to the default destination; the caller has the `tabs` permission by now. */
    async saveAllTabs(windowId: number | undefined): Promise<Result<BulkSummary>> {
      const { destinations, preferences } = await loadSettings();
      const destination = defaultDestination(destinations, preferences);
      if (!destination) return { ok: false, error: keeplinkError('destination-missing') };
      const plan = planSaveAllTabs(await tabsOfWindow(windowId), destination.id);
      const result = await enqueueMany(plan.inputs);
      if (result.error) return { ok: false, error: result.error };
      return { ok: true, value: { saved: result.queued - result.duplicates, alreadyQueued: result.duplicates, skipped: plan.skipped, invalid: result.rejected.length } };
    },
    /** A window closed or the browser started: if no incognito window is left, that session's leftovers go now. */
    purgeEndedIncognito: () => pruneHistory({ now: true }),
    async rebuildMenus() {
      await createMenus(planMenus((await loadSettings()).destinations));
    },
    loadSettings,
  };
}
