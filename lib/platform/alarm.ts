// Owns the single named sync alarm, re-armed at the earliest due time.
import { browser } from 'wxt/browser';

export const SYNC_ALARM = 'keeplink-sync';

export async function armSyncAlarm(when: number | undefined): Promise<void> {
  if (when === undefined) {
    await browser.alarms.clear(SYNC_ALARM);
    return;
  }
  await browser.alarms.create(SYNC_ALARM, { when });
}
