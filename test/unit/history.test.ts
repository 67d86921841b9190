// The History view's pure logic: filtering and search, editing a failed capture, CSV and JSON export.
import { describe, expect, it } from 'vitest';
import { keeplinkError } from '../../lib/errors';
import {
  applyEdit,
  capRecords,
  csvCell,
  editOf,
  filterRecords,
  historyFileName,
  historyToCsv,
  historyToJson,
  isFiltered,
  NO_FILTER,
  recordTitle,
  resultText,
  type HistoryFilter,
} from '../../lib/history';
import type { OutboxRecord } from '../../lib/outbox/record';
import { destinations as fixtureDestinations } from '../contracts/fixtures';
import { makeCapture, T0 } from './outbox/fixtures';

function makeRecord(overrides: Partial<OutboxRecord> & { title?: string; url?: string } = {}): OutboxRecord {
  const { title, url, ...rest } = overrides;
  const capture = makeCapture({ title: title ?? 'A page', url: url ?? 'https://example.com/a', destinationId: rest.destinationId ?? 'dest-a' });
  return {
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    normalizedUrl: capture.page.url,
    status: 'queued',
    createdAt: T0,
    updatedAt: T0,
    attempts: 0,
    nextAttemptAt: T0,
    retrySpentMs: 0,
    ...rest,
  };
}

const filter = (over: Partial<HistoryFilter>): HistoryFilter => ({ ...NO_FILTER, ...over });

describe('filterRecords', () => {
  const news = makeRecord({ title: 'Breaking NEWS today', url: 'https://news.example.org/today', status: 'synced', destinationId: 'dest-a' });
  const recipe = makeRecord({ title: 'Soup recipe', url: 'https://cook.example.com/Soup', status: 'failed', destinationId: 'dest-b' });
  const untitled = makeRecord({ title: '', url: 'https://example.net/path?q=News', status: 'paused', destinationId: 'dest-a' });
  const all = [news, recipe, untitled];

  it('keeps everything, in order, with no filter', () => {
    expect(filterRecords(all, NO_FILTER)).toEqual(all);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered(filter({ query: '   ' }))).toBe(false);
  });

  it('searches title or URL, case-insensitively, ignoring surrounding spaces', () => {
    expect(filterRecords(all, filter({ query: 'news' }))).toEqual([news, untitled]);
    expect(filterRecords(all, filter({ query: '  SOUP ' }))).toEqual([recipe]);
    expect(filterRecords(all, filter({ query: 'cook.example' }))).toEqual([recipe]);
    expect(filterRecords(all, filter({ query: 'nothing like this' }))).toEqual([]);
    expect(isFiltered(filter({ query: 'x' }))).toBe(true);
  });

  it('filters by status and by destination, combined with the search', () => {
    expect(filterRecords(all, filter({ status: 'failed' }))).toEqual([recipe]);
    expect(filterRecords(all, filter({ status: 'sending' }))).toEqual([]);
    expect(filterRecords(all, filter({ destinationId: 'dest-a' }))).toEqual([news, untitled]);
    expect(filterRecords(all, filter({ destinationId: 'dest-a', status: 'paused', query: 'news' }))).toEqual([untitled]);
    expect(filterRecords(all, filter({ destinationId: 'dest-b', query: 'news' }))).toEqual([]);
  });

  it('names a record by its title, or its URL when the title is blank', () => {
    expect(recordTitle(news)).toBe('Breaking NEWS today');
    expect(recordTitle(untitled)).toBe('https://example.net/path?q=News');
  });
});

describe('resultText and capRecords', () => {
  it('copies the link, else the id, and only once delivered', () => {
    expect(resultText(makeRecord({ status: 'synced', result: { id: 'k1', link: 'https://s.example/x' } }))).toBe('https://s.example/x');
    expect(resultText(makeRecord({ status: 'synced', result: { id: 'k1' } }))).toBe('k1');
    expect(resultText(makeRecord({ status: 'synced' }))).toBeUndefined();
    expect(resultText(makeRecord({ status: 'failed', result: { id: 'k1' } }))).toBeUndefined();
  });

  it('says when the list was capped', () => {
    const records = [makeRecord(), makeRecord(), makeRecord()];
    expect(capRecords(records, 3)).toEqual({ records, capped: false });
    expect(capRecords(records, 2)).toEqual({ records: records.slice(0, 2), capped: true });
  });
});

describe('applyEdit', () => {
  const shortpen = { ...fixtureDestinations.shortpen, id: 'dest-a' };
  const sharely = { ...fixtureDestinations.sharely, id: 'dest-b' };

  it('keeps the id, creation time, URL and options, and cleans the edited fields', () => {
    const record = makeRecord({ title: 'Old' });
    const capture = { ...record.capture, options: { customSlug: 'mine' } };
    const edited = applyEdit(capture, { title: '  New title ', note: ' a note ', tags: 'x, y,, x', destinationId: 'dest-a' }, [shortpen]);
    expect(edited).toEqual({
      ok: true,
      value: { ...capture, page: { ...capture.page, title: 'New title' }, note: 'a note', tags: ['x', 'y'] },
    });
  });

  it('drops a note cleared by the user, and may move the capture to another destination', () => {
    const capture = { ...makeRecord().capture, note: 'old note', tags: ['t'] };
    expect(editOf(capture)).toEqual({ title: 'A page', note: 'old note', tags: 't', destinationId: 'dest-a' });
    const edited = applyEdit(capture, { ...editOf(capture), note: '  ', tags: '', destinationId: 'dest-b' }, [shortpen, sharely]);
    expect(edited.ok && edited.value).toMatchObject({ destinationId: 'dest-b', tags: [] });
    expect(edited.ok && 'note' in edited.value).toBe(false);
  });

  it('reports a value over the provider’s limit at its field, before anything is sent', () => {
    const capture = makeRecord().capture;
    const edited = applyEdit(capture, { ...editOf(capture), note: 'n'.repeat(301) }, [shortpen]);
    expect(edited.ok).toBe(false);
    if (!edited.ok) expect(edited.error).toMatchObject({ code: 'field-too-long', field: 'note' });
  });

  it('reports a title over Keeplink’s own limit, and a destination that no longer exists', () => {
    const capture = makeRecord().capture;
    const long = applyEdit(capture, { ...editOf(capture), title: 't'.repeat(2001) }, [shortpen]);
    expect(!long.ok && long.error).toMatchObject({ code: 'field-too-long', field: 'title' });
    const gone = applyEdit(capture, editOf(capture), [sharely]);
    expect(!gone.ok && gone.error).toMatchObject({ code: 'destination-missing', field: 'destinationId' });
  });
});

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('')).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a=b+c-d@e')).toBe('a=b+c-d@e');
  });

  it('quotes per RFC 4180: commas, quotes, line breaks (and semicolons)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvCell('a;b')).toBe('"a;b"');
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tcmd', "'\tcmd"],
  ])('defuses a formula trigger at the start: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('defuses and quotes when both apply', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('-1,2')).toBe(`"'-1,2"`);
  });
});

describe('historyToCsv', () => {
  it('writes a header row, one CRLF line per record, and defuses cells from the page', () => {
    const synced = makeRecord({
      title: '=cmd|"/c calc"!A1',
      url: 'https://example.com/a,b',
      status: 'synced',
      destinationId: 'dest-a',
      result: { id: 'k-1', link: 'https://s.example/k1' },
      syncedAt: T0 + 1000,
    });
    const failed = makeRecord({
      title: 'Plain',
      status: 'failed',
      destinationId: 'gone',
      lastError: keeplinkError('unprocessable', { status: 422, serverCode: 'BAD', serverMessage: '@title, too "long"' }),
    });
    synced.capture.tags = ['a', 'b'];
    synced.capture.note = '+note';
    const csv = historyToCsv([synced, failed], new Map([['dest-a', 'Team wiki']]));
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe('created_at,status,destination,title,url,note,tags,result_link,result_id,synced_at,error_code,server_code,server_message,id');
    expect(lines[1]).toBe(
      [
        '2026-11-21T12:00:00.000Z',
        'synced',
        'Team wiki',
        `"'=cmd|""/c calc""!A1"`,
        '"https://example.com/a,b"',
        "'+note",
        '"a, b"',
        'https://s.example/k1',
        'k-1',
        '2026-11-21T12:00:01.000Z',
        '',
        '',
        '',
        synced.id,
      ].join(','),
    );
    expect(lines[2]).toBe(['2026-11-21T12:00:00.000Z', 'failed', 'gone', 'Plain', 'https://example.com/a', '', '', '', '', '', 'unprocessable', 'BAD', `"'@title, too ""long"""`, failed.id].join(','));
  });

  it('is just the header for no records', () => {
    expect(historyToCsv([], new Map())).toBe(
      'created_at,status,destination,title,url,note,tags,result_link,result_id,synced_at,error_code,server_code,server_message,id\r\n',
    );
  });
});

describe('historyToJson', () => {
  it('exports the records from an allow-list, with destination names and ISO dates, and no internals', () => {
    const sending = makeRecord({ status: 'sending', leaseToken: 'lease-secret', retrySpentMs: 5, firstFailureAt: T0 });
    // A field the record schema does not know never reaches the export.
    const polluted = { ...makeRecord({ status: 'synced', result: { link: 'https://s.example/1' } }), apiKey: 'sk-live-123' } as OutboxRecord;
    const text = historyToJson([sending, polluted], new Map([['dest-a', 'Team wiki']]), T0 + 60_000);
    expect(text).not.toMatch(/lease-secret|sk-live-123|apiKey|leaseToken|retrySpentMs/);
    const parsed = JSON.parse(text) as { format: string; version: number; exportedAt: string; records: Record<string, unknown>[] };
    expect(parsed).toMatchObject({ format: 'keeplink-history', version: 1, exportedAt: '2026-11-21T12:01:00.000Z' });
    expect(parsed.records).toHaveLength(2);
    expect(parsed.records[0]).toEqual({
      id: sending.id,
      status: 'sending',
      destinationId: 'dest-a',
      destinationName: 'Team wiki',
      createdAt: '2026-11-21T12:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
      attempts: 0,
      capture: sending.capture,
    });
    expect(parsed.records[1]).toMatchObject({ status: 'synced', result: { link: 'https://s.example/1' } });
  });
});

describe('historyFileName', () => {
  it('dates the file with the local date', () => {
    const local = new Date(2026, 0, 5, 23, 30).getTime();
    expect(historyFileName('csv', local)).toBe('keeplink-history-2026-01-05.csv');
    expect(historyFileName('json', local)).toBe('keeplink-history-2026-01-05.json');
  });
});
