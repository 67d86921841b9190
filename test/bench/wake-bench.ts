// Service worker wake: a menu click delivered to a stopped worker, until its record is durable.
import type { Page } from 'playwright-core';
import type { ChromeApi, Harness } from '../e2e/harness/launch';
import { withTimeout } from '../e2e/harness/with-timeout';
import type { Comparison } from './report';
import { ratio, summarize, type Summary } from './stats';

declare const chrome: ChromeApi;

interface WakeAnswer {
  sent: number;
  received: number;
  workerStart: number;
  handlerStart: number;
  /** When the transaction that added the record committed; for a ping, when it was answered. */
  durable: number;
  ok: boolean;
  code?: string;
}

export type WakeFigures = Comparison & { workerStartMs: Summary; moduleAndDispatchMs: Summary; saveMs: Summary };

/** Lets the flush every wake starts finish, so the next stop never lands mid-send. */
const afterWakeMs = 400;

/** Sends the bench wrapper's message from the harness's manifest page, which never wakes the worker by itself. */
async function wakeWith(harness: Harness, kind: 'ping' | 'menu', tabId: number): Promise<WakeAnswer> {
  await harness.stopServiceWorker();
  const answer = await harness.evalInExtension(
    async ({ kind, tabId }) => {
      const tab = kind === 'menu' ? await chrome.tabs.get(tabId) : undefined;
      const message =
        kind === 'menu'
          ? { type: 'bench/menu-click', info: { menuItemId: 'keeplink-page', editable: false, frameId: 0, pageUrl: tab?.url }, tab }
          : { type: 'bench/ping' };
      const sent = performance.timeOrigin + performance.now();
      const reply = (await chrome.runtime.sendMessage(message)) as Omit<WakeAnswer, 'sent' | 'received'>;
      return { ...reply, sent, received: performance.timeOrigin + performance.now() };
    },
    { kind, tabId },
  );
  if (!answer.ok) throw new Error(`The woken worker did not save the menu click: ${answer.code ?? 'no answer'}`);
  await new Promise((resolve) => setTimeout(resolve, afterWakeMs));
  return answer;
}

export async function measureWake(harness: Harness, article: Page, pagesUrl: string, runs: number): Promise<WakeFigures> {
  const menu: WakeAnswer[] = [];
  const ping: WakeAnswer[] = [];
  for (let run = -1; run < runs; run++) {
    await withTimeout(article.goto(`${pagesUrl}/page/bench-wake-${Date.now()}-${run}.html`), 15_000, 'loading the page to save');
    const tabId = await harness.tabIdOf(article);
    const kinds = run % 2 === 0 ? (['menu', 'ping'] as const) : (['ping', 'menu'] as const);
    for (const kind of kinds) {
      const answer = await wakeWith(harness, kind, tabId);
      if (run >= 0) (kind === 'menu' ? menu : ping).push(answer);
    }
  }
  const total = (a: WakeAnswer) => a.durable - a.sent;
  const subject = summarize(menu.map(total));
  const baseline = summarize(ping.map(total));
  return {
    unit: 'ms',
    method:
      "The e2e build's worker, wrapped by the bench (bench-worker.js imports background.js, then listens for bench messages). " +
      'Stopped over CDP (ServiceWorker.stopAllWorkers); an extension page then sends chrome.runtime.sendMessage, which starts it, and the ' +
      "handler calls the build's real menu-click path (__keeplinkTest.onMenuClick for 'keeplink-page' → saveFromMenu → outbox.enqueue). " +
      "From the send to 'complete' of the transaction that adds the record (IDBObjectStore.prototype.add wrapped in the worker), " +
      "epoch ms from each side's performance.timeOrigin. " +
      'Baseline: the same wake answered by a no-op handler.',
    baselineName: 'wake → no-op answer',
    subject,
    baseline,
    ratio: ratio(subject.median, baseline.median),
    difference: Number((subject.median - baseline.median).toFixed(2)),
    workerStartMs: summarize(menu.map((a) => a.workerStart - a.sent)),
    moduleAndDispatchMs: summarize(menu.map((a) => a.handlerStart - a.workerStart)),
    saveMs: summarize(menu.map((a) => a.durable - a.handlerStart)),
  };
}
