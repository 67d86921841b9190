// The History view's filters: a search box, and Status and Destination pickers.
import type { HistoryFilter, StatusFilter } from '../lib/history';
import type { DestinationSummary } from '../lib/popup-form';
import { t } from './i18n';
import { SelectField } from './SelectField';

export const STATUS_OPTIONS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: t('historyFilterAll') },
  { value: 'queued', label: t('historyStatusQueued') },
  { value: 'sending', label: t('historyStatusSending') },
  { value: 'synced', label: t('historyStatusSaved') },
  { value: 'paused', label: t('historyStatusPaused') },
  { value: 'failed', label: t('historyStatusFailed') },
];

export interface HistoryFiltersProps {
  filter: HistoryFilter;
  destinations: readonly DestinationSummary[];
  onChange: (filter: HistoryFilter) => void;
}

const pickers = { display: 'flex', gap: '8px' } as const;
const grow = { flex: '1 1 0', minWidth: 0 } as const;

export function HistoryFilters({ filter, destinations, onChange }: HistoryFiltersProps) {
  const value = (event: Event) => (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <div role="search" aria-label={t('historyFilterLabel')}>
      <div class="field">
        <label for="history-search">{t('historySearch')}</label>
        <input
          id="history-search"
          type="text"
          placeholder={t('historySearchPlaceholder')}
          value={filter.query}
          onInput={(event) => onChange({ ...filter, query: value(event) })}
        />
      </div>
      <div style={pickers}>
        <SelectField id="history-status" label={t('historyStatus')} value={filter.status} choices={STATUS_OPTIONS} style={grow} onChange={(status) => onChange({ ...filter, status })} />
        <SelectField
          id="history-destination"
          label={t('historyDestination')}
          value={filter.destinationId}
          choices={[{ value: 'all', label: t('historyFilterAll') }, ...destinations.map((destination) => ({ value: destination.id, label: destination.name }))]}
          style={grow}
          onChange={(destinationId) => onChange({ ...filter, destinationId })}
        />
      </div>
    </div>
  );
}
