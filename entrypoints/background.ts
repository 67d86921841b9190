// Background glue: listeners registered synchronously in main(), each handing off to lib/.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onOutboxChanged } from '../lib/outbox/changes';
import { SYNC_ALARM } from '../lib/platform/alarm';
import { onPermissionsAdded } from '../lib/platform/permissions';
import { createMenus, MENU_SAVE, type MenuClick } from '../lib/platform/menus';
import { destinationsItem } from '../lib/platform/storage';
import { createWorkerServices } from '../lib/platform/worker-services';
import { changedDestinationIds } from '../lib/settings';

export default defineBackground({
  type: 'module',
  main() {
    const services = createWorkerServices({ e2e: import.meta.env.MODE === 'e2e' });

    const onMenuClick = (info: MenuClick, tab?: Parameters<typeof services.saveFromMenu>[1]) => services.saveFromMenu(info, tab);

    browser.runtime.onInstalled.addListener(() => {
      void createMenus();
      services.requestFlush();
    });
    browser.runtime.onStartup.addListener(() => services.requestFlush());
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) services.requestFlush();
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === MENU_SAVE) void onMenuClick(info, tab);
    });
    // WXT 0.20+: a listener must not return a promise; answer with sendResponse.
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (answer: unknown) => void) => {
      if ((message as { type?: string } | null)?.type !== 'outbox/flush') return false;
      services.requestFlush();
      sendResponse({ ok: true });
      return false;
    });
    destinationsItem.watch((after, before) => {
      void services.resume(changedDestinationIds(before ?? [], after ?? []), 'settings');
    });
    onPermissionsAdded(() => void services.resume(undefined, 'permission'));
    onOutboxChanged(() => services.refreshBadgeSoon());

    // Any wake (an event after the worker was stopped) re-reads the outbox: nothing waits for an alarm it missed.
    services.requestFlush();

    if (import.meta.env.MODE === 'e2e') {
      // Test builds only: native menus cannot be clicked headless, so tests call the real handlers.
      Object.assign(globalThis, { __keeplinkTest: { onMenuClick, flush: () => services.flushNow() } });
    }
  },
});
