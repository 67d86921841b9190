// Owns how an outbox record's state reads to a person: "Saved …", "Queued — will sync when …", "Paused …", "Failed …".
import type { KeeplinkError } from '../lib/errors';
import type { OutboxRecord } from '../lib/outbox/record';
import type { DeliveryResult, ProviderId } from '../lib/providers/types';
import { t, type MessageKey } from './i18n';
import { PROVIDER_LABELS } from './labels';
import { describeError } from './messages';

export const RESULT_NOUN: Record<ProviderId, MessageKey> = {
  sharely: 'resultNounSharely',
  shortpen: 'resultNounShortpen',
  userplane: 'resultNounUserplane',
  poozle: 'resultNounPoozle',
  'link-action': 'resultNounLinkAction',
  linkding: 'resultNounLinkding',
  karakeep: 'resultNounKarakeep',
  linkwarden: 'resultNounLinkwarden',
  webhook: 'resultNounDefault',
  wallabag: 'resultNounWallabag',
};

/** What the service did with a URL it already had. */
export const EXISTING: Record<NonNullable<DeliveryResult['existing']>, MessageKey> = {
  updated: 'statusAlreadyUpdated',
  kept: 'statusAlreadyKept',
  unchanged: 'statusAlreadyUnchanged',
  'note-updated': 'statusAlreadyNoteUpdated',
  'tags-added': 'statusAlreadyTagsAdded',
};

export type StatusWord = 'Saved' | 'Queued' | 'Paused' | 'Failed';

export interface RecordStatus {
  word: StatusWord;
  text: string;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

// Whole sentences per reason: where the destination's name goes differs between languages.
const QUEUED_UNTIL: Partial<Record<string, MessageKey>> = {
  network: 'statusQueuedNetwork',
  timeout: 'statusQueuedTimeout',
  'rate-limited': 'statusQueuedRateLimited',
};

/**
 * `dest` is the destination's name as the user typed it. Errors speak of the service itself ("Userplane says the
 * API key has expired"), because that is where the user has to go to fix them.
 */
export function describeRecord(record: OutboxRecord, dest: string, provider?: ProviderId): RecordStatus {
  const service = provider ? PROVIDER_LABELS[provider] : dest;
  const reason = (error: KeeplinkError) => describeError(error, service);
  switch (record.status) {
    case 'synced': {
      const result = record.result;
      const shown = result?.link ?? result?.id;
      const noun = t(provider ? RESULT_NOUN[provider] : 'resultNounDefault');
      let text = result?.existing
        ? t(EXISTING[result.existing], { service })
        : shown
          ? t('statusSavedResult', { dest, noun, result: shown })
          : t('statusSaved', { dest });
      if (record.warning) text = t('statusWithNote', { status: text, warning: reason(record.warning) });
      return { word: 'Saved', text };
    }
    case 'sending':
      return { word: 'Queued', text: t('statusSending', { dest }) };
    case 'queued': {
      if (!record.lastError) return { word: 'Queued', text: t('statusQueued', { dest }) };
      const key = QUEUED_UNTIL[record.lastError.code] ?? 'statusQueuedOther';
      return { word: 'Queued', text: t(key, { dest, reason: reason(record.lastError), time: time(record.nextAttemptAt) }) };
    }
    case 'paused':
      return { word: 'Paused', text: record.lastError ? t('statusPaused', { reason: reason(record.lastError) }) : t('statusPausedNoReason', { dest }) };
    case 'failed':
      return { word: 'Failed', text: record.lastError ? t('statusFailed', { reason: reason(record.lastError) }) : t('statusFailedNoReason') };
  }
}
