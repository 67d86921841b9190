// The saved destinations, each a list item with its state and its actions.
import type { ProviderId } from '../lib/providers/types';
import { t } from './i18n';
import { PROVIDER_LABELS } from './labels';
import { ManagedBadge } from './ManagedBadge';

export interface DestinationView {
  id: string;
  name: string;
  provider: ProviderId;
  isDefault: boolean;
  needsPermission: boolean;
  /** Why its captures wait, when the destination is paused. */
  pausedText?: string | undefined;
  pending: number;
  /** Set by the organization's policy: marked, and never removable here (the policy decides what it holds). */
  managed?: { locked: boolean } | undefined;
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
  if (!items.length) return <p class="empty">{t('destinationsEmpty')}</p>;
  return (
    <ul class="destinations" aria-label={t('destinationsLabel')}>
      {items.map((item) => (
        <li key={item.id} aria-label={item.name}>
          <div class="destination-head">
            <strong>{item.name}</strong> <span class="muted">{PROVIDER_LABELS[item.provider]}</span>
            {item.isDefault && <span class="badge">{t('destinationsDefault')}</span>}
            {item.managed && <ManagedBadge />}
          </div>
          {item.needsPermission && (
            <p class="warning">
              {t('destinationsNeedsPermission')}{' '}
              <button type="button" onClick={() => onGrant(item.id)}>
                {t('destinationsGrant')}
              </button>
            </p>
          )}
          {item.pausedText && (
            <p class="warning">
              {t('statusPaused', { reason: item.pausedText })}{' '}
              <button type="button" onClick={() => onRetry(item.id)}>
                {t('commonRetry')}
              </button>
            </p>
          )}
          {item.pending > 0 && <p class="muted">{t(item.pending === 1 ? 'destinationsPendingOne' : 'destinationsPendingMany', { count: item.pending })}</p>}
          <div class="row">
            <button type="button" onClick={() => onEdit(item.id)}>
              {t('commonEdit')}
            </button>
            {!item.managed && (
              <button type="button" onClick={() => onRemove(item.id)}>
                {t('commonRemove')}
              </button>
            )}
            <button type="button" aria-pressed={item.isDefault} onClick={() => onMakeDefault(item.id)}>
              {t('destinationsMakeDefault')}
            </button>
            <button type="button" onClick={() => onCheck(item.id)}>
              {t('destinationsCheck')}
            </button>
            <button type="button" onClick={() => onTestLink(item.id)}>
              {t('destinationsTestLink')}
            </button>
          </div>
          {checkText[item.id] && <p class="check-result">{checkText[item.id]}</p>}
        </li>
      ))}
    </ul>
  );
}
