// Owns the sentence after "Save changes" on a delivered capture: what its service did with the edit, in the user's words.
import type { EditSaved, Unchangeable } from '../lib/edit-after-save';
import type { DestinationSummary } from '../lib/popup-form';
import type { ProviderId } from '../lib/providers/types';
import { t, type MessageKey } from './i18n';
import { PROVIDER_LABELS } from './labels';

const UNCHANGEABLE: Record<Unchangeable, MessageKey> = {
  note: 'editCannotNote',
  'note-clear': 'editCannotClearNote',
  tags: 'editCannotTags',
  'tag-removal': 'editCannotRemoveTags',
};

const isProvider = (provider: string): provider is ProviderId => provider in PROVIDER_LABELS;

/** `destination` is the capture's (its service is named: "ShortPen can't…"), `title` names the capture. */
export function describeEditSaved(saved: EditSaved, destination: Pick<DestinationSummary, 'name' | 'provider'> | undefined, title: string): string {
  const service = destination && isProvider(destination.provider) ? PROVIDER_LABELS[destination.provider] : (destination?.name ?? t('historyItsDestination'));
  const { plan, queued } = saved;
  const caveats = (list: readonly Unchangeable[]) => list.map((part) => t(UNCHANGEABLE[part], { service }));
  if (plan.kind === 'no-change') return t('editNoChange');
  if (plan.kind === 'cannot-change') return [...caveats(plan.unchangeable), t('editNothingSent')].join(' ');
  if (!queued) return t('editNotDelivered', { title });
  if (queued.duplicateOf) return t('editStillPending', { title });
  if (plan.kind === 'new-capture') return t('editNewCapture', { service });
  return [t('editSentUpdate', { service }), ...caveats(plan.unchangeable)].join(' ');
}
