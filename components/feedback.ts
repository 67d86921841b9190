// Owns the words of a menu/shortcut save's notification; failures are told by the popup (lib/platform/failure.ts).
import type { BulkSummary } from '../lib/worker/save-all-tabs';

export interface Feedback {
  title: string;
  message: string;
}

export function savedFeedback(title: string, destinationName: string, alreadyQueued: boolean): Feedback {
  return {
    title: alreadyQueued ? 'Already waiting to be saved' : 'Saved to Keeplink',
    message: alreadyQueued ? `“${title}” is already in the outbox for ${destinationName}.` : `“${title}” will be delivered to ${destinationName}.`,
  };
}


export function bulkFeedback(summary: BulkSummary): Feedback {
  const parts = [`${summary.saved} saved`];
  if (summary.alreadyQueued) parts.push(`${summary.alreadyQueued} already queued`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped (not web pages)`);
  if (summary.invalid) parts.push(`${summary.invalid} not accepted by the destination`);
  return { title: 'Saved all tabs', message: parts.join(', ') };
}
