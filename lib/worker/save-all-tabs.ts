// Owns "Save all tabs in this window": web tabs become captures, every other tab is counted as skipped.
import type { CaptureInput } from '../capture';
import type { TabFacts } from '../menu-capture';
import { checkWebUrl } from '../web-url';

export interface BulkPlan {
  inputs: CaptureInput[];
  /** Tabs that are not web pages (chrome://, about:, file:, …) or whose address could not be read. */
  skipped: number;
}

export function planSaveAllTabs(tabs: readonly TabFacts[], destinationId: string): BulkPlan {
  const inputs: CaptureInput[] = [];
  let skipped = 0;
  for (const tab of tabs) {
    if (!tab.url || !checkWebUrl(tab.url).ok) {
      skipped++;
      continue;
    }
    inputs.push({ page: { url: tab.url, title: tab.title ?? '' }, source: 'bulk', destinationId, ...(tab.incognito ? { incognito: true } : {}) });
  }
  return { inputs, skipped };
}

export interface BulkSummary {
  saved: number;
  /** Already waiting in the outbox, so not queued twice. */
  alreadyQueued: number;
  skipped: number;
  /** Rejected by the destination's limits before queueing. */
  invalid: number;
}
