// Owns how an outbox record's state reads to a person: "Saved …", "Queued — will sync when …", "Paused …", "Failed …".
import type { OutboxRecord } from '../lib/outbox/record';
import type { ProviderId } from '../lib/providers/types';
import { describeError } from './messages';

const RESULT_NOUN: Record<ProviderId, string> = {
  sharely: 'knowledge id',
  shortpen: 'short link',
  userplane: 'recording link',
  poozle: 'link id',
  'link-action': 'action id',
};

export type StatusWord = 'Saved' | 'Queued' | 'Paused' | 'Failed';

export interface RecordStatus {
  word: StatusWord;
  text: string;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const WAIT_REASON: Partial<Record<string, string>> = {
  network: 'is reachable again',
  timeout: 'answers in time',
  'rate-limited': 'accepts more requests',
};

export function describeRecord(record: OutboxRecord, destName: string, provider?: ProviderId): RecordStatus {
  switch (record.status) {
    case 'synced': {
      const result = record.result;
      const shown = result?.link ?? result?.id;
      const noun = provider ? RESULT_NOUN[provider] : 'id';
      let text = `Saved to ${destName}`;
      if (shown) text += ` — ${noun} ${shown}`;
      if (record.warning) text += `. Note: ${describeError(record.warning, destName)}`;
      return { word: 'Saved', text };
    }
    case 'sending':
      return { word: 'Queued', text: `Queued — will sync when the request to ${destName} completes (sending now).` };
    case 'queued': {
      if (!record.lastError) {
        return { word: 'Queued', text: `Queued — will sync when the background sends it to ${destName}, in a moment.` };
      }
      const when = WAIT_REASON[record.lastError.code] ?? 'recovers';
      return {
        word: 'Queued',
        text: `Queued — will sync when ${destName} ${when}. ${describeError(record.lastError, destName)} Next try at ${time(record.nextAttemptAt)}.`,
      };
    }
    case 'paused':
      return { word: 'Paused', text: `Paused — ${record.lastError ? describeError(record.lastError, destName) : `${destName} needs attention.`}` };
    case 'failed':
      return { word: 'Failed', text: `Failed — ${record.lastError ? describeError(record.lastError, destName) : 'the capture was rejected.'}` };
  }
}
