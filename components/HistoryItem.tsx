// One capture in the History list: what, where, when, its status with the reason, and what the user can do.
import { useEffect, useRef, useState } from 'preact/hooks';
import { editOfCapture, type SavedEdit } from '../lib/edit-after-save';
import type { KeeplinkError } from '../lib/errors';
import { editOf, recordTitle, resultText, type CaptureEdit } from '../lib/history';
import type { OutboxRecord } from '../lib/outbox/record';
import type { ProviderId } from '../lib/providers/types';
import type { DestinationSummary } from '../lib/popup-form';
import { HistoryEditForm } from './HistoryEditForm';
import { t } from './i18n';
import { PROVIDER_LABELS } from './labels';
import { describeRecord } from './record-status';
import { SavedEditForm, type EditProblem } from './SavedEditForm';

export interface HistoryItemProps {
  record: OutboxRecord;
  /** Undefined when the destination was removed. */
  destination: DestinationSummary | undefined;
  destinations: readonly DestinationSummary[];
  editing: boolean;
  /** A new non-zero value moves keyboard focus to this item (after an undo, a resend or a cancelled edit). */
  focusKey: number;
  onRetry: () => void;
  onEdit: () => void;
  onCancelEdit: () => void;
  onResend: (edit: CaptureEdit) => Promise<KeeplinkError | undefined>;
  /** A delivered capture's edit after saving (note and tags). */
  onSaveEdit: (edit: SavedEdit) => Promise<EditProblem | undefined>;
  /** For an edit after saving: when the capture it changes was made, if that one is still listed. */
  editOfTime?: number | undefined;
  onDelete: () => void;
  /** Resolves true once the text is on the clipboard. */
  onCopy: (text: string) => Promise<boolean>;
  onOpenOptions: () => void;
}

const RETRYABLE = new Set<OutboxRecord['status']>(['failed', 'paused', 'queued']);

const itemStyle = { padding: '8px 0', borderBottom: '1px solid var(--border)', overflowWrap: 'anywhere' } as const;
const line = { margin: '2px 0' } as const;

const isProvider = (provider: string | undefined): provider is ProviderId => provider !== undefined && provider in PROVIDER_LABELS;
const localDate = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function HistoryItem(props: HistoryItemProps) {
  const { record, destination } = props;
  const [copied, setCopied] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (props.focusKey) item.current?.focus();
  }, [props.focusKey]);

  const titleId = `history-title-${record.id}`;
  const provider = isProvider(destination?.provider) ? destination.provider : undefined;
  const status = describeRecord(record, destination?.name ?? t('historyRemovedDestinationInSentence'), provider);
  const result = resultText(record);
  // A delivered capture is edited through its destination's service, so only while that destination exists.
  const editable = record.status === 'failed' || (record.status === 'synced' && destination !== undefined);

  return (
    <li ref={item} tabIndex={-1} aria-labelledby={titleId} style={itemStyle}>
      <p id={titleId} style={line}>
        <strong>{recordTitle(record)}</strong>
      </p>
      <p style={line}>
        <a href={record.capture.page.url} target="_blank" rel="noreferrer noopener">
          {record.capture.page.url}
        </a>
      </p>
      <p class="muted" style={line}>
        {destination?.name ?? t('historyRemovedDestination')} ·{' '}
        <time dateTime={new Date(record.createdAt).toISOString()}>{localDate(record.createdAt)}</time>
      </p>
      {record.editOf !== undefined && (
        <p class="muted" style={line}>
          {props.editOfTime === undefined ? t('historyEditOfEarlier') : t('historyEditOf', { date: localDate(props.editOfTime) })}
        </p>
      )}
      <p style={line}>{status.text}</p>
      {props.editing && record.status === 'synced' ? (
        <SavedEditForm recordId={record.id} initial={editOfCapture(record.capture)} onSave={props.onSaveEdit} onCancel={props.onCancelEdit} />
      ) : props.editing && editable ? (
        <HistoryEditForm
          recordId={record.id}
          initial={editOf(record.capture)}
          destinations={props.destinations}
          onResend={props.onResend}
          onCancel={props.onCancelEdit}
        />
      ) : (
        <div class="row">
          {RETRYABLE.has(record.status) && (
            <button type="button" onClick={props.onRetry}>
              {t('commonRetry')}
            </button>
          )}
          {editable && (
            <button type="button" onClick={props.onEdit}>
              {t('commonEdit')}
            </button>
          )}
          {result !== undefined && (
            <button type="button" onClick={() => void props.onCopy(result).then(setCopied)}>
              {t('historyCopyResult')}
            </button>
          )}
          {record.status === 'paused' && (
            <button type="button" onClick={props.onOpenOptions}>
              {t('historyOpenOptions')}
            </button>
          )}
          <button type="button" onClick={props.onDelete}>
            {t('historyDelete')}
          </button>
          {copied && <span class="hint">{t('historyCopied')}</span>}
        </div>
      )}
    </li>
  );
}
