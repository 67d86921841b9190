// The History view's filters: a search box, and Status and Destination pickers.
import type { HistoryFilter, StatusFilter } from '../lib/history';
import type { DestinationSummary } from '../lib/popup-form';

export const STATUS_OPTIONS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'sending', label: 'Sending' },
  { value: 'synced', label: 'Saved' },
  { value: 'paused', label: 'Paused' },
  { value: 'failed', label: 'Failed' },
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
    <div role="search" aria-label="Filter history">
      <div class="field">
        <label for="history-search">Search</label>
        <input
          id="history-search"
          type="text"
          placeholder="Title or URL"
          value={filter.query}
          onInput={(event) => onChange({ ...filter, query: value(event) })}
        />
      </div>
      <div style={pickers}>
        <div class="field" style={grow}>
          <label for="history-status">Status</label>
          <select id="history-status" value={filter.status} onChange={(event) => onChange({ ...filter, status: value(event) as StatusFilter })}>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field" style={grow}>
          <label for="history-destination">Destination</label>
          <select id="history-destination" value={filter.destinationId} onChange={(event) => onChange({ ...filter, destinationId: value(event) })}>
            <option value="all">All</option>
            {destinations.map((destination) => (
              <option key={destination.id} value={destination.id}>
                {destination.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
