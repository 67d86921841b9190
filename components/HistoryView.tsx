// The History tab: every capture with its delivery status, filters, per-item actions with undo, and export.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditSaved, SavedEdit } from '../lib/edit-after-save';
import type { KeeplinkError, Result } from '../lib/errors';
import { filterRecords, isFiltered, NO_FILTER, recordTitle, type CaptureEdit, type HistoryFilter } from '../lib/history';
import type { OutboxRecord } from '../lib/outbox/record';
import type { DestinationSummary } from '../lib/popup-form';
import { HistoryFilters } from './HistoryFilters';
import { HistoryItem } from './HistoryItem';
import { t } from './i18n';
import { describeEditSaved } from './edit-feedback';
import { describeError } from './messages';
import type { EditProblem } from './SavedEditForm';

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
  /** Edits a delivered capture: its service updates the item it has, or a new capture is queued (see lib/edit-after-save). */
  saveEdit(record: OutboxRecord, edit: SavedEdit): Promise<Result<EditSaved>>;
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

export const UNDO_MS = 10_000;

const listStyle = { listStyle: 'none', margin: 0, padding: 0, maxHeight: '340px', overflowY: 'auto' } as const;

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
    const title = recordTitle(record);
    if (!result.ok) setNotice(t('historyCouldNotRetry', { title, reason: failure(result.error, record) }));
    else if (!result.value) setNotice(t('historyRetryChanged', { title }));
    else if (record.status === 'paused') setNotice(t('historyRetryingDestination', { dest: destinationOf(record)?.name ?? t('historyItsDestination') }));
    else setNotice(t('historyRetrying', { title }));
  };

  const resend = async (record: OutboxRecord, edit: CaptureEdit): Promise<KeeplinkError | undefined> => {
    const result = await services.resend(record, edit);
    if (!result.ok) return result.error;
    reload();
    setEditingId(undefined);
    moveFocus(record.id);
    setNotice(t(result.value ? 'historyResent' : 'historyResendChanged', { title: recordTitle(record) }));
    return undefined;
  };

  const saveEdit = async (record: OutboxRecord, edit: SavedEdit): Promise<EditProblem | undefined> => {
    const result = await services.saveEdit(record, edit);
    if (!result.ok) return { text: failure(result.error, record), field: result.error.field };
    reload();
    setEditingId(undefined);
    moveFocus(record.id);
    setNotice(describeEditSaved(result.value, destinationOf(record), recordTitle(record)));
    return undefined;
  };

  const remove = async (record: OutboxRecord) => {
    const result = await services.remove(record);
    if (!result.ok) {
      setNotice(t('historyCouldNotDelete', { title: recordTitle(record), reason: failure(result.error, record) }));
      return;
    }
    reload();
    if (!result.value) return;
    deleted.current = [...deleted.current, result.value];
    const count = deleted.current.length;
    setUndoCount(count);
    setNotice(count === 1 ? t('historyDeletedOne', { title: recordTitle(record) }) : t('historyDeletedMany', { count }));
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
      if (!result.ok) problems.push(t('historyRestoreProblem', { title: recordTitle(record), reason: failure(result.error, record) }));
      else if (!result.value) problems.push(t('historyRestoreDuplicate', { title: recordTitle(record) }));
    }
    reload();
    const last = records.at(-1);
    if (last) moveFocus(last.id);
    if (problems.length) setNotice(t('historyNotRestored', { problems: problems.join('; ') }));
    else setNotice(records.length === 1 ? t('historyRestoredOne', { title: recordTitle(records[0]!) }) : t('historyRestoredMany', { count: records.length }));
  };

  const copy = async (record: OutboxRecord, text: string) => {
    try {
      await services.copy(text);
      setNotice(t('historyCopiedResult', { title: recordTitle(record) }));
      return true;
    } catch {
      setNotice(t('historyCopyFailed'));
      return false;
    }
  };

  const shown = data ? filterRecords(data.records, filter) : [];
  const filtered = isFiltered(filter);

  let body;
  if (loadFailed && !data) body = <p>{t('historyLoadFailed')}</p>;
  else if (!data) body = <p>{t('historyLoading')}</p>;
  else if (!data.records.length) {
    body = (
      <div>
        <p>{t('historyEmpty')}</p>
        {!destinations.length && (
          <button type="button" onClick={onOpenOptions}>
            {t('popupAddDestination')}
          </button>
        )}
      </div>
    );
  } else if (!shown.length) {
    body = (
      <div>
        <p>{t('historyNoMatch')}</p>
        <button type="button" onClick={() => setFilter(NO_FILTER)}>
          {t('historyClearFilters')}
        </button>
      </div>
    );
  } else {
    body = (
      <ul aria-label={t('historyCaptures')} style={listStyle}>
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
            onSaveEdit={(edit) => saveEdit(record, edit)}
            editOfTime={record.editOf === undefined ? undefined : data?.records.find((other) => other.id === record.editOf)?.createdAt}
            onDelete={() => void remove(record)}
            onCopy={(text) => copy(record, text)}
            onOpenOptions={onOpenOptions}
          />
        ))}
      </ul>
    );
  }

  return (
    <section aria-label={t('historyRegion')}>
      <HistoryFilters filter={filter} destinations={destinations} onChange={setFilter} />
      <div class="row">
        <button type="button" onClick={() => services.exportRecords('csv', shown)}>
          {t('historyExportCsv')}
        </button>
        <button type="button" onClick={() => services.exportRecords('json', shown)}>
          {t('historyExportJson')}
        </button>
        {data && data.records.length > 0 && (
          <span class="muted">{filtered ? t('historyCountFiltered', { shown: shown.length, total: data.records.length }) : t('historyCount', { count: data.records.length })}</span>
        )}
      </div>
      {data?.capped && <p class="hint">{t('historyCapped', { limit: data.limit })}</p>}
      <div class="row" aria-live="polite">
        {notice && <span>{notice}</span>}
        {undoCount > 0 && (
          <button type="button" ref={undoButton} onClick={() => void undo()}>
            {t('historyUndo')}
          </button>
        )}
      </div>
      {body}
    </section>
  );
}
