// The saved destinations, each a list item with its state and its actions.
import type { ProviderId } from '../lib/providers/types';
import { PROVIDER_LABELS } from './labels';

export interface DestinationView {
  id: string;
  name: string;
  provider: ProviderId;
  isDefault: boolean;
  needsPermission: boolean;
  /** Why its captures wait, when the destination is paused. */
  pausedText?: string | undefined;
  pending: number;
}

export interface DestinationListProps {
  items: readonly DestinationView[];
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
  onMakeDefault: (id: string) => void;
  /** Called synchronously from the click (permission requests need the user gesture). */
  onGrant: (id: string) => void;
  onRetry: (id: string) => void;
  onCheck: (id: string) => void;
  onTestLink: (id: string) => void;
  /** Outcome of the last check or test link, per destination id. */
  checkText: Record<string, string>;
}

export function DestinationList({ items, onEdit, onRemove, onMakeDefault, onGrant, onRetry, onCheck, onTestLink, checkText }: DestinationListProps) {
  if (!items.length) return <p class="empty">No destinations yet. Add one to choose where your saved pages go.</p>;
  return (
    <ul class="destinations" aria-label="Destinations">
      {items.map((item) => (
        <li key={item.id} aria-label={item.name}>
          <div class="destination-head">
            <strong>{item.name}</strong> <span class="muted">{PROVIDER_LABELS[item.provider]}</span>
            {item.isDefault && <span class="badge">Default</span>}
          </div>
          {item.needsPermission && (
            <p class="warning">
              Needs permission: Keeplink may not contact this destination yet, so its captures wait.{' '}
              <button type="button" onClick={() => onGrant(item.id)}>
                Grant permission
              </button>
            </p>
          )}
          {item.pausedText && (
            <p class="warning">
              Paused — {item.pausedText}{' '}
              <button type="button" onClick={() => onRetry(item.id)}>
                Retry
              </button>
            </p>
          )}
          {item.pending > 0 && <p class="muted">{item.pending} waiting to be delivered</p>}
          <div class="row">
            <button type="button" onClick={() => onEdit(item.id)}>
              Edit
            </button>
            <button type="button" onClick={() => onRemove(item.id)}>
              Remove
            </button>
            <button type="button" aria-pressed={item.isDefault} onClick={() => onMakeDefault(item.id)}>
              Make default
            </button>
            <button type="button" onClick={() => onCheck(item.id)}>
              Check connection
            </button>
            <button type="button" onClick={() => onTestLink(item.id)}>
              Send test link
            </button>
          </div>
          {checkText[item.id] && <p class="check-result">{checkText[item.id]}</p>}
        </li>
      ))}
    </ul>
  );
}
