// Loaded when the History tab opens: wires the outbox, the stored destinations and the browser into the History view.
import { browser } from 'wxt/browser';
import { downloadText } from '../../components/download';
import { HistoryView, type HistoryServices } from '../../components/HistoryView';
import { saveEdit } from '../../lib/edit-after-save';
import { ok } from '../../lib/errors';
import { applyEdit, capRecords, HISTORY_LIMIT, historyFileName, historyToCsv, historyToJson, visibleIn } from '../../lib/history';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { createOutbox, type Outbox } from '../../lib/outbox/outbox';
import { requestFlush } from '../../lib/platform/flush-request';
import { loadMergedSettings } from '../../lib/platform/merged-settings';
import { summarizeDestinations } from '../../lib/popup-form';
import { parseDestinations } from '../../lib/settings';

export interface HistoryDeps {
  outbox: Outbox;
  /** The stored destinations as read, unvalidated. */
  readDestinations(): Promise<unknown>;
  /** Calls back after an outbox or destination change; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  /** Best effort: the records are durable already, and the worker flushes on its own next wake too. */
  requestFlush(): void;
  copy(text: string): Promise<void>;
  download(name: string, type: string, text: string): void;
  now(): number;
  /** Whether the popup belongs to an incognito window: only then are incognito captures listed and exported. */
  incognito: boolean;
}

export function createHistoryServices(deps: HistoryDeps): HistoryServices {
  const { outbox } = deps;
  let names = new Map<string, string>();
  const flushIf = <T extends { ok: boolean; value?: unknown }>(result: T): T => {
    if (result.ok && result.value) deps.requestFlush();
    return result;
  };

  return {
    async load() {
      const [all, raw] = await Promise.all([outbox.list({ limit: HISTORY_LIMIT + 1 }), deps.readDestinations()]);
      const records = visibleIn(all, deps);
      const destinations = summarizeDestinations(raw);
      names = new Map(destinations.map((d) => [d.id, d.name]));
      return { ...capRecords(records, HISTORY_LIMIT), limit: HISTORY_LIMIT, destinations };
    },
    subscribe: deps.subscribe,
    async retry(record) {
      return flushIf(record.status === 'queued' ? await outbox.sendNow(record.id) : await outbox.retry(record.id));
    },
    async resend(record, edit) {
      const destinations = parseDestinations(await deps.readDestinations()).valid;
      const edited = applyEdit(record.capture, edit, destinations);
      if (!edited.ok) return edited;
      const updated = await outbox.updateCapture(record.id, edited.value);
      if (!updated.ok) return updated;
      if (!updated.value) return ok(false);
      return flushIf(await outbox.retry(record.id));
    },
    async saveEdit(record, edit) {
      const destinations = parseDestinations(await deps.readDestinations()).valid;
      return saveEdit(record, edit, destinations, { outbox, requestFlush: deps.requestFlush });
    },
    remove: (record) => outbox.discard(record.id),
    restore: async (record) => flushIf(await outbox.restore(record)),
    copy: deps.copy,
    exportRecords(format, records) {
      const name = historyFileName(format, deps.now());
      // The byte-order mark makes spreadsheet apps read the CSV as UTF-8.
      if (format === 'csv') deps.download(name, 'text/csv;charset=utf-8', `\uFEFF${historyToCsv(records, names)}`);
      else deps.download(name, 'application/json', historyToJson(records, names, deps.now()));
    },
  };
}

function subscribe(onChange: () => void): () => void {
  const stopOutbox = onOutboxChanged(onChange);
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && 'destinations' in changes) onChange();
  };
  browser.storage.onChanged.addListener(onStorage);
  return () => {
    stopOutbox();
    browser.storage.onChanged.removeListener(onStorage);
  };
}

/** The History tab for this popup's window, self-contained: it reads the outbox and the destinations itself and stays live. */
export function historyPanel(context: { incognito: boolean }) {
  const services = createHistoryServices({
    outbox: createOutbox(),
    // The organization's destinations too, so their captures are named and can be re-sent.
    readDestinations: async () => (await loadMergedSettings()).destinations,
    subscribe,
    requestFlush,
    copy: (text) => navigator.clipboard.writeText(text),
    download: downloadText,
    now: () => Date.now(),
    incognito: context.incognito,
  });
  return function HistoryPanel(props: { onOpenOptions(): void }) {
    return <HistoryView services={services} onOpenOptions={props.onOpenOptions} />;
  };
}
