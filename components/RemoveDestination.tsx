// Asks before removing a destination that still has undelivered captures: move them elsewhere, or delete them.
import { useState } from 'preact/hooks';

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
    <div role="dialog" aria-modal="false" aria-label={`Remove ${name}`} class="dialog">
      <p>
        {pending === 0
          ? `Remove ${name}? Its delivered history stays in Keeplink.`
          : `${pending} capture${pending === 1 ? '' : 's'} still wait${pending === 1 ? 's' : ''} to be delivered to ${name}. Move them to another destination, or delete them?`}
      </p>
      {pending > 0 && others.length > 0 && (
        <div class="field">
          <label for="move-target">Move captures to</label>
          <select id="move-target" value={target} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)}>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="row">
        {pending > 0 && others.length > 0 && (
          <button type="button" onClick={() => onConfirm({ moveTo: target })}>
            Move and remove
          </button>
        )}
        <button type="button" onClick={() => onConfirm({ deleteCaptures: true })}>
          {pending > 0 ? 'Delete captures and remove' : 'Remove'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
