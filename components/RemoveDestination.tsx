// Asks before removing a destination that still has undelivered captures: move them elsewhere, or delete them.
import { useState } from 'preact/hooks';
import { t } from './i18n';
import { SelectField } from './SelectField';

export interface RemoveDestinationProps {
  name: string;
  pending: number;
  others: readonly { id: string; name: string }[];
  onConfirm: (choice: { moveTo: string } | { deleteCaptures: true }) => void;
  onCancel: () => void;
}

export function RemoveDestination({ name, pending, others, onConfirm, onCancel }: RemoveDestinationProps) {
  const [target, setTarget] = useState(others[0]?.id ?? '');
  return (
    <div role="dialog" aria-modal="false" aria-label={t('removeDialogLabel', { name })} class="dialog">
      <p>
        {pending === 0 ? t('removeConfirm', { name }) : others.length
          ? t(pending === 1 ? 'removePendingOne' : 'removePendingMany', { count: pending, name })
          : t(pending === 1 ? 'removePendingOnlyOne' : 'removePendingOnlyMany', { count: pending, name })}
      </p>
      {pending > 0 && others.length > 0 && (
        <SelectField id="move-target" label={t('removeMoveTo')} value={target} choices={others.map((o) => ({ value: o.id, label: o.name }))} onChange={setTarget} />
      )}
      <div class="row">
        {pending > 0 && others.length > 0 && (
          <button type="button" onClick={() => onConfirm({ moveTo: target })}>
            {t('removeMoveAndRemove')}
          </button>
        )}
        <button type="button" onClick={() => onConfirm({ deleteCaptures: true })}>
          {pending > 0 ? t('removeDeleteAndRemove') : t('commonRemove')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('commonCancel')}
        </button>
      </div>
    </div>
  );
}
