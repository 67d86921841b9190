// Owns the words of a menu/shortcut save's notification; failures are told by the popup (lib/platform/failure.ts).
import type { BulkSummary } from '../lib/worker/save-all-tabs';
import { t } from './i18n';

export interface Feedback {
  title: string;
  message: string;
}

export function savedFeedback(title: string, destinationName: string, alreadyQueued: boolean): Feedback {
  const vars = { title, dest: destinationName };
  return alreadyQueued
    ? { title: t('notifyAlreadyQueuedTitle'), message: t('notifyAlreadyQueuedMessage', vars) }
    : { title: t('notifySavedTitle'), message: t('notifySavedMessage', vars) };
}


export function bulkFeedback(summary: BulkSummary): Feedback {
  const parts = [t('notifyBulkSaved', { count: summary.saved })];
  if (summary.alreadyQueued) parts.push(t('notifyBulkAlreadyQueued', { count: summary.alreadyQueued }));
  if (summary.skipped) parts.push(t('notifyBulkSkipped', { count: summary.skipped }));
  if (summary.invalid) parts.push(t('notifyBulkInvalid', { count: summary.invalid }));
  return { title: t('notifyBulkTitle'), message: parts.join(', ') };
}
