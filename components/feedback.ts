// Owns the words of a menu/shortcut save's notification: what was saved where, or why it was not.
import type { KeeplinkError } from '../lib/errors';
import type { BulkSummary } from '../lib/worker/save-all-tabs';
import { describeError } from './messages';

export interface Feedback {
  title: string;
  message: string;
  failed: boolean;
}

export function savedFeedback(title: string, destinationName: string, alreadyQueued: boolean): Feedback {
  return {
    title: alreadyQueued ? 'Already waiting to be saved' : 'Saved to Keeplink',
    message: alreadyQueued ? `“${title}” is already in the outbox for ${destinationName}.` : `“${title}” will be delivered to ${destinationName}.`,
    failed: false,
  };
}

export function failedFeedback(error: KeeplinkError): Feedback {
  const message =
    error.code === 'destination-missing'
      ? 'Keeplink has no destination yet. Add one in Keeplink’s options.'
      : describeError(error);
  return { title: 'Keeplink could not save this', message: `${message} Click to open the history.`, failed: true };
}

export function bulkFeedback(summary: BulkSummary): Feedback {
  const parts = [`${summary.saved} saved`];
  if (summary.alreadyQueued) parts.push(`${summary.alreadyQueued} already queued`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped (not web pages)`);
  if (summary.invalid) parts.push(`${summary.invalid} not accepted by the destination`);
  return { title: 'Saved all tabs', message: parts.join(', '), failed: false };
}
