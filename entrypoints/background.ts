// Background glue: listeners registered synchronously in main(), each handing off to lib/.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bulkFeedback, savedFeedback, type Feedback } from '../components/feedback';
import { t } from '../components/i18n';
import type { Result } from '../lib/errors';
import { onOutboxChanged } from '../lib/outbox/changes';
import { SYNC_ALARM } from '../lib/platform/alarm';
import type { MenuClick } from '../lib/platform/menus';
import { isFlushRequest } from '../lib/platform/flush-request';
import { notify, NOTIFICATION_DETAILS, onNotificationClicked } from '../lib/platform/notify';
import { onPermissionsAdded } from '../lib/platform/permissions';
import { onManagedChanged } from '../lib/platform/managed';
import { destinationsItem, managedLocalItem } from '../lib/platform/storage';
import { showFailure } from '../lib/platform/failure';
import { openExtensionPage, requestTabsPermission, type TabInfo } from '../lib/platform/tabs';
import { createWorkerServices } from '../lib/worker/services';
import { changedDestinationIds } from '../lib/settings';
import { SAVE_ALL_TABS } from '../lib/worker/menu-plan';
import type { BulkSummary } from '../lib/worker/save-all-tabs';
import type { SavedCapture } from '../lib/save-capture';

const QUICK_SAVE_COMMAND = 'quick-save';

export default defineBackground({
  type: 'module',
  main() {
    const services = createWorkerServices({
      e2e: import.meta.env.MODE === 'e2e',
      words: { imageTitle: (title) => t('menuImageTitle', { title }) },
      savedTitle: t('toolbarAlreadySaved'),
    });

    /** A menu or shortcut save is never silent: the badge always, a notification when the user wants one. */
    async function tell(feedback: Feedback) {
      if ((await services.loadSettings()).preferences.notifications) await notify(feedback.title, feedback.message);
    }
    // A failure is shown whatever the settings: the popup opens with the reason (else a notification or a tab).
    const report = async (saved: Result<SavedCapture>) => {
      if (saved.ok) await tell(savedFeedback(saved.value.record.capture.page.title, saved.value.destination.name, saved.value.duplicateOf));
      else if (saved.error.code === 'destination-missing') await browser.runtime.openOptionsPage();
      else await showFailure(saved.error);
      return saved;
    };
    const reportBulk = async (summary: Result<BulkSummary>) => {
      if (summary.ok) await tell(bulkFeedback(summary.value));
      else await showFailure(summary.error);
      return summary;
    };

    const onMenuClick = async (info: MenuClick, tab?: TabInfo) => {
      if (info.menuItemId === SAVE_ALL_TABS) {
        // Requested inside the click's gesture; the first use asks for the optional `tabs` permission.
        const granted = await requestTabsPermission();
        if (!granted) return reportBulk({ ok: false, error: { kind: 'keeplink-error', code: 'permission-missing', retryable: false } });
        return reportBulk(await services.saveAllTabs(tab?.windowId));
      }
      return report(await services.saveFromMenu(info, tab));
    };
    const onCommand = async (command: string, tab?: TabInfo) => {
      if (command === QUICK_SAVE_COMMAND) return report(await services.quickSave(tab));
      return undefined;
    };

    browser.runtime.onInstalled.addListener(() => {
      void services.rebuildMenus();
      services.requestFlush();
    });
    browser.runtime.onStartup.addListener(() => {
      void services.purgeEndedIncognito();
      services.requestFlush();
    });
    browser.windows.onRemoved.addListener(() => void services.purgeEndedIncognito());
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) services.requestFlush();
    });
    browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
    browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
    onNotificationClicked((id) => {
      if (id.startsWith(NOTIFICATION_DETAILS)) void openExtensionPage('/popup.html');
    });
    // WXT 0.20+: a listener must not return a promise; answer with sendResponse.
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (answer: unknown) => void) => {
      if (!isFlushRequest(message)) return false;
      services.requestFlush();
      sendResponse({ ok: true });
      return false;
    });
    destinationsItem.watch((after, before) => {
      void services.rebuildMenus();
      void services.resume(changedDestinationIds(before ?? [], after ?? []), 'settings');
    });
    // The policy or what the user keeps for its destinations changed: menus follow, and their paused captures retry.
    const onManagedSettings = () => {
      void services.rebuildMenus();
      void services.resume(undefined, 'managed');
    };
    onManagedChanged(onManagedSettings);
    managedLocalItem.watch(onManagedSettings);
    onPermissionsAdded(() => void services.resume(undefined, 'permission'));
    onOutboxChanged((change) => {
      services.refreshBadgeSoon();
      // Whichever context flushed (worker, popup or options page), a delivery marks the tabs showing that page.
      void services.markDelivered(change.ids);
    });
    // A new document clears the tab's mark (the browser resets per-tab action state); once it has loaded, or its URL
    // changed in the page, it is looked up again. The URL is there only with `tabs` or host access for that site.
    browser.tabs.onUpdated.addListener((_tabId, changeInfo, tab) => {
      if (changeInfo.status === 'complete' || changeInfo.url !== undefined) void services.markTab(tab).catch(() => undefined);
    });

    // Any wake (an event after the worker was stopped) re-reads the outbox: nothing waits for an alarm it missed.
    services.requestFlush();

    if (import.meta.env.MODE === 'e2e') {
      // Test builds only: native menus and shortcuts cannot be triggered headless, so tests call the real handlers.
      Object.assign(globalThis, {
        __keeplinkTest: { onMenuClick, onCommand, flush: () => services.flushNow(), enqueueMany: services.enqueueMany },
      });
    }
  },
});
