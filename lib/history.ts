// Owns the History view's pure logic: filtering and search, the edit of a failed capture, and CSV/JSON export.
import { buildCapture, type Capture } from './capture';
import { fail, keeplinkError, type Result } from './errors';
import type { OutboxRecord, OutboxStatus } from './outbox/record';
import { parseTags } from './popup-form';
import { limitsFor, type Destination } from './providers';

/** How many records the view reads (newest first); more are kept, but not listed. */
export const HISTORY_LIMIT = 300;

export type StatusFilter = OutboxStatus | 'all';

export interface HistoryFilter {
  /** Matched case-insensitively against the title and the URL. */
  query: string;
  status: StatusFilter;
  /** A destination id, or 'all'. */
  destinationId: string;
}

export const NO_FILTER: HistoryFilter = { query: '', status: 'all', destinationId: 'all' };

export function isFiltered(filter: HistoryFilter): boolean {
  return filter.query.trim() !== '' || filter.status !== 'all' || filter.destinationId !== 'all';
}

export function matchesFilter(record: OutboxRecord, filter: HistoryFilter): boolean {
  if (filter.status !== 'all' && record.status !== filter.status) return false;
  if (filter.destinationId !== 'all' && record.destinationId !== filter.destinationId) return false;
  const query = filter.query.trim().toLowerCase();
  if (!query) return true;
  const { title, url } = record.capture.page;
  return title.toLowerCase().includes(query) || url.toLowerCase().includes(query);
}

/** Incognito captures are private to incognito windows: a normal window's History, export and suggestions never see them. */
export function visibleIn<T extends { capture: { incognito?: boolean | undefined } }>(records: readonly T[], context: { incognito: boolean }): T[] {
  return context.incognito ? [...records] : records.filter((record) => !record.capture.incognito);
}

export function filterRecords(records: readonly OutboxRecord[], filter: HistoryFilter): OutboxRecord[] {
  return records.filter((record) => matchesFilter(record, filter));
}

/** What names a record in a list: its title, or its URL when the title is blank. */
export function recordTitle(record: OutboxRecord): string {
  return record.capture.page.title.trim() || record.capture.page.url;
}

/** What "Copy result" copies: the delivered link, else the created object's id; nothing before delivery. */
export function resultText(record: OutboxRecord): string | undefined {
  if (record.status !== 'synced') return undefined;
  return record.result?.link ?? record.result?.id;
}

/** The list read with one record more than shown, so the view can tell that older ones exist. */
export function capRecords(records: readonly OutboxRecord[], limit: number = HISTORY_LIMIT): { records: OutboxRecord[]; capped: boolean } {
  return { records: records.slice(0, limit), capped: records.length > limit };
}

/** What the user may change on a failed capture before sending it again. */
export interface CaptureEdit {
  title: string;
  note: string;
  /** Comma-separated, as typed. */
  tags: string;
  destinationId: string;
}

export function editOf(capture: Capture): CaptureEdit {
  return { title: capture.page.title, note: capture.note ?? '', tags: capture.tags.join(', '), destinationId: capture.destinationId };
}

/**
 * The edited capture: same id and creation time, built like a new capture against its destination's limits, so
 * a value over one is reported at its field now.
 */
export function applyEdit(capture: Capture, edit: CaptureEdit, destinations: readonly Destination[]): Result<Capture> {
  const destination = destinations.find((d) => d.id === edit.destinationId);
  if (!destination) return fail(keeplinkError('destination-missing', { field: 'destinationId' }));
  return buildCapture(
    {
      page: { ...capture.page, title: edit.title },
      source: capture.source,
      destinationId: destination.id,
      note: edit.note,
      tags: parseTags(edit.tags),
      ...(capture.options ? { options: capture.options } : {}),
      ...(capture.incognito ? { incognito: true } : {}),
    },
    { now: () => capture.createdAt, uuid: () => capture.id },
    limitsFor(destination),
  );
}

/** Cells a spreadsheet would run as a formula (OWASP CSV injection): =, +, -, @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Cells RFC 4180 requires quoted; `;` too, because spreadsheets in many locales split on it. */
const NEEDS_QUOTES = /[",;\r\n]/;

/** One CSV cell: a formula trigger is defused with a leading apostrophe, then quoted per RFC 4180 when needed. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'created_at',
  'status',
  'destination',
  'title',
  'url',
  'note',
  'tags',
  'result_link',
  'result_id',
  'synced_at',
  'error_code',
  'server_code',
  'server_message',
  'id',
] as const;

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Destination names by id; a removed destination is shown by its id. */
export type DestinationNames = ReadonlyMap<string, string>;

/** RFC 4180: a header row, CRLF line ends (the last line too). Dates are ISO 8601 in UTC. */
export function historyToCsv(records: readonly OutboxRecord[], names: DestinationNames): string {
  const rows = records.map((record) => {
    const problem = record.lastError ?? record.warning;
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
      created_at: iso(record.createdAt),
      status: record.status,
      destination: names.get(record.destinationId) ?? record.destinationId,
      title: record.capture.page.title,
      url: record.capture.page.url,
      note: record.capture.note,
      tags: record.capture.tags.join(', '),
      result_link: record.result?.link,
      result_id: record.result?.id,
      synced_at: iso(record.syncedAt),
      error_code: problem?.code,
      server_code: problem?.serverCode,
      server_message: problem?.serverMessage,
      id: record.id,
    };
    return CSV_COLUMNS.map((column) => csvCell(cells[column]));
  });
  return [CSV_COLUMNS.join(','), ...rows.map((cells) => cells.join(','))].map((line) => `${line}\r\n`).join('');
}

/**
 * A JSON export of the records, field by field from an allow-list: nothing internal (lease tokens, retry
 * accounting) and nothing secret can slip in. Records never hold API keys; this keeps it so.
 */
export function historyToJson(records: readonly OutboxRecord[], names: DestinationNames, exportedAt: number): string {
  const exported = records.map((record) => ({
    id: record.id,
    status: record.status,
    destinationId: record.destinationId,
    destinationName: names.get(record.destinationId),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    syncedAt: iso(record.syncedAt),
    attempts: record.attempts,
    capture: record.capture,
    result: record.result,
    error: record.lastError,
    warning: record.warning,
    // An edit after saving names the capture it changes.
    ...(record.editOf === undefined ? {} : { editOf: record.editOf }),
  }));
  return `${JSON.stringify({ format: 'keeplink-history', version: 1, exportedAt: iso(exportedAt), records: exported }, null, 2)}\n`;
}

/** e.g. keeplink-history-2026-11-21.csv (the user's local date). */
export function historyFileName(extension: 'csv' | 'json', now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `keeplink-history-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
