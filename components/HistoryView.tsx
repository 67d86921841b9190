// The History tab: every capture with its delivery status, filters, per-item actions with undo, and export.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeeplinkError, Result } from '../lib/errors';
import { filterRecords, isFiltered, NO_FILTER, recordTitle, type CaptureEdit, type HistoryFilter } from '../lib/history';
import type { OutboxRecord } from '../lib/outbox/record';
import type { DestinationSummary } from '../lib/popup-form';
import { HistoryFilters } from './HistoryFilters';
import { HistoryItem } from './HistoryItem';
import { describeError } from './messages';

export interface HistoryData {
  /** Newest first. */
  records: OutboxRecord[];
  /** True when older records exist beyond the ones read. */
  capped: boolean;
  limit: number;
  destinations: DestinationSummary[];
}

export interface HistoryServices {
  load(): Promise<HistoryData>;
  /** Calls back after every outbox change, in any context; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  /** Failed: queue again; paused: resume its destination; queued: send now. */
  retry(record: OutboxRecord): Promise<Result<boolean>>;
  /** Applies the edit to a failed capture and queues it again. */
  resend(record: OutboxRecord, edit: CaptureEdit): Promise<Result<boolean>>;
  /** Deletes the record; resolves with it as it was when deleted (for restore), or undefined if it was gone. */
  remove(record: OutboxRecord): Promise<Result<OutboxRecord | undefined>>;
  restore(record: OutboxRecord): Promise<Result<boolean>>;
  copy(text: string): Promise<void>;
  /** Downloads these records (the filtered list) as a file. */
  exportRecords(format: 'csv' | 'json', records: readonly OutboxRecord[]): void;
}

export interface HistoryViewProps {
  services: HistoryServices;
  onOpenOptions: () => void;
  /** How long a deletion can be undone. */
  undoMs?: number;
}

export const EMPTY_TEXT = 'Nothing saved yet. Pages you save appear here, with their delivery status.';
export const NO_MATCH_TEXT = 'No captures match these filters.';
export const UNDO_MS = 10_000;

const listStyle = { listStyle: 'none', margin: 0, padding: 0, maxHeight: '340px', overflowY: 'auto' } as const;
const quote = (record: OutboxRecord) => `“${recordTitle(record)}”`;

export function HistoryView({ services, onOpenOptions, undoMs = UNDO_MS }: HistoryViewProps) {
  const [data, setData] = useState<HistoryData>();
  const [loadFailed, setLoadFailed] = useState(false);
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER);
  const [editingId, setEditingId] = useState<string>();
  // Deletions that Undo would bring back; a ref, so two quick deletes both land in it.
  const deleted = useRef<OutboxRecord[]>([]);
  const [undoCount, setUndoCount] = useState(0);
  const [notice, setNotice] = useState('');
  const [focus, setFocus] = useState({ id: '', key: 0 });
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const undoButton = useRef<HTMLButtonElement>(null);
  const loads = useRef(0);

  const reload = () => {
    const ticket = ++loads.current;
    services.load().then(
      (next) => {
        // A slower, older read must not overwrite a newer one.
        if (ticket !== loads.current) return;
        setData(next);
        setLoadFailed(false);
      },
      () => ticket === loads.current && setLoadFailed(true),
    );
  };

  useEffect(() => {
    reload();
    const stop = services.subscribe(reload);
    return () => {
      stop();
      clearTimeout(undoTimer.current);
    };
  }, [services]);

  useEffect(() => {
    if (undoCount) undoButton.current?.focus();
  }, [undoCount]);

  const destinations = data?.destinations ?? [];
  const destinationOf = (record: OutboxRecord) => destinations.find((d) => d.id === record.destinationId);
  const failure = (error: KeeplinkError, record: OutboxRecord) => describeError(error, destinationOf(record)?.name);
  const moveFocus = (id: string) => setFocus((current) => ({ id, key: current.key + 1 }));

  const retry = async (record: OutboxRecord) => {
    const result = await services.retry(record);
    reload();
    if (!result.ok) setNotice(`Could not retry ${quote(record)}: ${failure(result.error, record)}`);
    else if (!result.value) setNotice(`${quote(record)} changed meanwhile; nothing to retry.`);
    else setNotice(record.status === 'paused' ? `Retrying ${destinationOf(record)?.name ?? 'its destination'} and its paused captures.` : `Retrying ${quote(record)} now.`);
  };

  const resend = async (record: OutboxRecord, edit: CaptureEdit): Promise<KeeplinkError | undefined> => {
    const result = await services.resend(record, edit);
    if (!result.ok) return result.error;
    reload();
    setEditingId(undefined);
    moveFocus(record.id);
    setNotice(result.value ? `Sent ${quote(record)} again.` : `${quote(record)} changed meanwhile; it was not sent again.`);
    return undefined;
  };

  const remove = async (record: OutboxRecord) => {
    const result = await services.remove(record);
    if (!result.ok) {
      setNotice(`Could not delete ${quote(record)}: ${failure(result.error, record)}`);
      return;
    }
    reload();
    if (!result.value) return;
    deleted.current = [...deleted.current, result.value];
    const count = deleted.current.length;
    setUndoCount(count);
    setNotice(count === 1 ? `Deleted ${quote(record)}.` : `Deleted ${count} captures.`);
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => {
      deleted.current = [];
      setUndoCount(0);
      setNotice('');
    }, undoMs);
  };

  const undo = async () => {
    clearTimeout(undoTimer.current);
    const records = deleted.current;
    deleted.current = [];
    setUndoCount(0);
    const problems: string[] = [];
    for (const record of records) {
      const result = await services.restore(record);
      if (!result.ok) problems.push(`${quote(record)} (${failure(result.error, record)})`);
      else if (!result.value) problems.push(`${quote(record)} (the same page is in the outbox again)`);
    }
    reload();
    const last = records.at(-1);
    if (last) moveFocus(last.id);
    if (problems.length) setNotice(`Not restored: ${problems.join('; ')}`);
    else setNotice(records.length === 1 ? `Restored ${quote(records[0]!)}.` : `Restored ${records.length} captures.`);
  };

  const copy = async (record: OutboxRecord, text: string) => {
    try {
      await services.copy(text);
      setNotice(`Copied the result of ${quote(record)}.`);
      return true;
    } catch {
      setNotice('Could not copy: the browser did not allow access to the clipboard.');
      return false;
    }
  };

  const shown = data ? filterRecords(data.records, filter) : [];
  const filtered = isFiltered(filter);

  let body;
  if (loadFailed && !data) body = <p>Keeplink could not read its history. Close and reopen the popup to try again.</p>;
  else if (!data) body = <p>Loading history…</p>;
  else if (!data.records.length) {
    body = (
      <div>
        <p>{EMPTY_TEXT}</p>
        {!destinations.length && (
          <button type="button" onClick={onOpenOptions}>
            Add a destination
          </button>
        )}
      </div>
    );
  } else if (!shown.length) {
    body = (
      <div>
        <p>{NO_MATCH_TEXT}</p>
        <button type="button" onClick={() => setFilter(NO_FILTER)}>
          Clear filters
        </button>
      </div>
    );
  } else {
    body = (
      <ul aria-label="Captures" style={listStyle}>
        {shown.map((record) => (
          <HistoryItem
            key={record.id}
            record={record}
            destination={destinationOf(record)}
            destinations={destinations}
            editing={editingId === record.id}
            focusKey={focus.id === record.id ? focus.key : 0}
            onRetry={() => void retry(record)}
            onEdit={() => setEditingId(record.id)}
            onCancelEdit={() => {
              setEditingId(undefined);
              moveFocus(record.id);
            }}
            onResend={(edit) => resend(record, edit)}
            onDelete={() => void remove(record)}
            onCopy={(text) => copy(record, text)}
            onOpenOptions={onOpenOptions}
          />
        ))}
      </ul>
    );
  }

  return (
    <section aria-label="History">
      <HistoryFilters filter={filter} destinations={destinations} onChange={setFilter} />
      <div class="row">
        <button type="button" onClick={() => services.exportRecords('csv', shown)}>
          Export CSV
        </button>
        <button type="button" onClick={() => services.exportRecords('json', shown)}>
          Export JSON
        </button>
        {data && data.records.length > 0 && (
          <span class="muted">{filtered ? `${shown.length} of ${data.records.length}` : `${data.records.length} captures`}</span>
        )}
      </div>
      {data?.capped && <p class="hint">Only the newest {data.limit} captures are listed; older ones are kept but not shown here.</p>}
      <div class="row" aria-live="polite">
        {notice && <span>{notice}</span>}
        {undoCount > 0 && (
          <button type="button" ref={undoButton} onClick={() => void undo()}>
            Undo
          </button>
        )}
      </div>
      {body}
    </section>
  );
}
