import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Capture } from '../../lib/capture';
import { editedCapture, planEdit, saveEdit, type EditFields, type EditPlan } from '../../lib/edit-after-save';
import { historyToJson } from '../../lib/history';
import { buildRequestFor, getProvider, providerIds, type Destination } from '../../lib/providers';
import type { ProviderId, ResaveRules } from '../../lib/providers/types';
import { compileContract, describeErrors } from '../contracts/schemas';
import { destinations } from '../contracts/fixtures';
import { settleAs } from './components/record-states';
import { fakeClock, makeCapture, must, testOutbox, testUuid, T0 } from './outbox/fixtures';

const LINKDING: ResaveRules = { note: 'replaced', tags: 'replaced' };
const WALLABAG: ResaveRules = { note: 'kept', tags: 'added' };
const KARAKEEP: ResaveRules = { note: 'set-only', tags: 'kept' };

const fields = (note: string, ...tags: string[]): EditFields => ({ note, tags });
const before = fields('old note', 'news', 'read');

describe('planEdit: what an edit after saving does, per re-save rule', () => {
  it.each<[string, ResaveRules | undefined, EditFields, EditPlan]>([
    ['nothing changed', LINKDING, fields('old note', 'news', 'read'), { kind: 'no-change' }],
    ['tags only reordered', WALLABAG, fields('old note', 'read', 'news'), { kind: 'no-change' }],
    ['no update at all (ShortPen & co.)', undefined, fields('new', 'news', 'read'), { kind: 'new-capture' }],
    ['no update, nothing changed', undefined, before, { kind: 'no-change' }],
    ['linkding: a new note and fewer tags', LINKDING, fields('new', 'news'), { kind: 'update', unchangeable: [] }],
    ['linkding: the note cleared', LINKDING, fields('', 'news', 'read'), { kind: 'update', unchangeable: [] }],
    ['wallabag: a tag added', WALLABAG, fields('old note', 'news', 'read', 'later'), { kind: 'update', unchangeable: [] }],
    ['wallabag: a tag added, one removed', WALLABAG, fields('old note', 'news', 'later'), { kind: 'update', unchangeable: ['tag-removal'] }],
    ['wallabag: a tag removed only', WALLABAG, fields('old note', 'news'), { kind: 'cannot-change', unchangeable: ['tag-removal'] }],
    ['wallabag: the note only', WALLABAG, fields('new', 'news', 'read'), { kind: 'cannot-change', unchangeable: ['note'] }],
    ['wallabag: note and a new tag', WALLABAG, fields('new', 'news', 'read', 'later'), { kind: 'update', unchangeable: ['note'] }],
    ['Karakeep: a new note', KARAKEEP, fields('new', 'news', 'read'), { kind: 'update', unchangeable: [] }],
    ['Karakeep: the note cleared', KARAKEEP, fields('', 'news', 'read'), { kind: 'cannot-change', unchangeable: ['note-clear'] }],
    ['Karakeep: tags only', KARAKEEP, fields('old note', 'later'), { kind: 'cannot-change', unchangeable: ['tags'] }],
    ['Karakeep: a new note and new tags', KARAKEEP, fields('new', 'later'), { kind: 'update', unchangeable: ['tags'] }],
  ])('%s', (_name, rules, after, plan) => {
    expect(planEdit(rules, before, after)).toEqual(plan);
  });
});

describe('which services update a saved item (provider data, from the specs)', () => {
  const updating: Partial<Record<ProviderId, ResaveRules>> = { linkding: LINKDING, wallabag: WALLABAG, karakeep: KARAKEEP };

  it.each(providerIds.map((id) => [id]))('%s', (id) => {
    expect(getProvider(id).resave).toEqual(updating[id]);
  });
});

function delivered(destination: Destination, overrides: Partial<Capture> = {}): Capture {
  return {
    ...makeCapture({ url: 'https://example.com/article', title: 'An article', destinationId: destination.id }),
    page: { url: 'https://example.com/article', title: 'An article', description: 'What it says', selection: 'quoted once' },
    note: 'old note',
    tags: ['news', 'read'],
    ...overrides,
  };
}

const deps = { now: () => T0 + 60_000, uuid: () => '00000000-0000-4000-8000-0000000000ed' };

describe('editedCapture', () => {
  it('is a new capture of the same page with the edit, without the selection, and its request is contract-valid', () => {
    const original = delivered(destinations.linkding);
    const capture = must(editedCapture(original, fields('new note', 'news'), { kind: 'update', unchangeable: [] }, destinations.linkding, deps));
    expect(capture).toMatchObject({ id: deps.uuid(), createdAt: T0 + 60_000, note: 'new note', tags: ['news'] });
    expect(capture.page).toEqual({ url: 'https://example.com/article', title: 'An article', description: 'What it says' });
    const request = must(buildRequestFor(capture, destinations.linkding));
    const validate = compileContract('linkding', 'request');
    expect(validate(request.body), describeErrors(validate).join('; ')).toBe(true);
    // linkding replaces title and description on a re-save, so the original's go again.
    expect(request.body).toMatchObject({ url: 'https://example.com/article', title: 'An article', description: 'What it says', notes: 'new note', tag_names: ['news'] });
  });

  it('leaves out a custom slug for a new ShortPen link (the first one holds it), and keeps the other options', () => {
    const original = delivered(destinations.shortpen, { options: { customSlug: 'my-slug', qr: true } });
    const capture = must(editedCapture(original, fields('new'), { kind: 'new-capture' }, destinations.shortpen, deps));
    expect(capture.options).toEqual({ qr: true });
  });

  it('reports a value over the destination’s limit at its field', () => {
    const original = delivered(destinations.shortpen);
    const result = editedCapture(original, fields('x'.repeat(301)), { kind: 'new-capture' }, destinations.shortpen, deps);
    expect(result).toMatchObject({ ok: false, error: { code: 'field-too-long', field: 'note' } });
  });
});

describe('saveEdit: through the outbox, as a new record linked to the delivered one', () => {
  let clock: ReturnType<typeof fakeClock>;
  let box: ReturnType<typeof testOutbox>;
  const requestFlush = vi.fn<() => void>();
  const all: Destination[] = [destinations.linkding, destinations.shortpen, destinations.karakeep, destinations.wallabag];

  beforeEach(() => {
    clock = fakeClock();
    box = testOutbox(clock);
    requestFlush.mockClear();
  });

  async function deliveredRecord(destination: Destination) {
    const { record } = must(await box.outbox.enqueue(delivered(destination, { id: testUuid() })));
    await settleAs(box.outbox, record, 'synced', { now: clock.now(), result: { id: '42' } });
    return (await box.outbox.get(record.id))!;
  }

  it('linkding: queues one edit record for the same page, linked to the original, and asks for a flush', async () => {
    const original = await deliveredRecord(destinations.linkding);
    const saved = must(await saveEdit(original, { note: 'new note', tags: 'news, later' }, all, { outbox: box.outbox, requestFlush, ...deps }));
    expect(saved.plan).toEqual({ kind: 'update', unchangeable: [] });
    expect(saved.queued?.duplicateOf).toBe(false);
    const edit = (await box.outbox.get(deps.uuid()))!;
    expect(edit).toMatchObject({ status: 'queued', editOf: original.id, normalizedUrl: original.normalizedUrl, capture: { note: 'new note', tags: ['news', 'later'] } });
    expect((await box.outbox.get(original.id))).toMatchObject({ status: 'synced', capture: { note: 'old note' } });
    expect(requestFlush).toHaveBeenCalledTimes(1);
    const exported = JSON.parse(historyToJson([edit, original], new Map(), T0)) as { records: { id: string; editOf?: string }[] };
    expect(exported.records.map((record) => record.editOf)).toEqual([original.id, undefined]);
  });

  it('Karakeep: a tag change it cannot make is not stored as made; only the note goes', async () => {
    const original = await deliveredRecord(destinations.karakeep);
    const saved = must(await saveEdit(original, { note: 'new note', tags: 'other' }, all, { outbox: box.outbox, requestFlush, ...deps }));
    expect(saved.plan).toEqual({ kind: 'update', unchangeable: ['tags'] });
    expect((await box.outbox.get(deps.uuid()))?.capture).toMatchObject({ note: 'new note', tags: ['news', 'read'] });
  });

  it('wallabag: removed tags stay on the entry, so the edit record keeps them beside the new ones', async () => {
    const original = await deliveredRecord(destinations.wallabag);
    must(await saveEdit(original, { note: 'old note', tags: 'news, later' }, all, { outbox: box.outbox, requestFlush, ...deps }));
    expect((await box.outbox.get(deps.uuid()))?.capture.tags).toEqual(['news', 'read', 'later']);
  });

  it('sends nothing when nothing changed or nothing can change', async () => {
    const linkding = await deliveredRecord(destinations.linkding);
    const karakeep = await deliveredRecord(destinations.karakeep);
    expect(must(await saveEdit(linkding, { note: ' old note ', tags: 'news, read' }, all, { outbox: box.outbox, requestFlush, ...deps })).plan).toEqual({ kind: 'no-change' });
    expect(must(await saveEdit(karakeep, { note: 'old note', tags: 'later' }, all, { outbox: box.outbox, requestFlush, ...deps }))).toEqual({ plan: { kind: 'cannot-change', unchangeable: ['tags'] } });
    expect(await box.outbox.list({ limit: 10 })).toHaveLength(2);
    expect(requestFlush).not.toHaveBeenCalled();
  });

  it('ShortPen: a new capture, linked to the original', async () => {
    const original = await deliveredRecord(destinations.shortpen);
    const saved = must(await saveEdit(original, { note: 'new', tags: '' }, all, { outbox: box.outbox, requestFlush, ...deps }));
    expect(saved.plan).toEqual({ kind: 'new-capture' });
    expect((await box.outbox.get(deps.uuid()))).toMatchObject({ editOf: original.id, capture: { note: 'new', tags: [] } });
  });

  it('an earlier edit still pending is returned, not queued twice', async () => {
    const original = await deliveredRecord(destinations.linkding);
    must(await saveEdit(original, { note: 'first', tags: '' }, all, { outbox: box.outbox, requestFlush, ...deps }));
    const second = must(await saveEdit(original, { note: 'second', tags: '' }, all, { outbox: box.outbox, requestFlush, now: deps.now, uuid: testUuid }));
    expect(second.queued).toMatchObject({ duplicateOf: true, record: { id: deps.uuid() } });
    expect(requestFlush).toHaveBeenCalledTimes(1);
  });

  it('queues nothing when the original is no longer delivered, or its destination is gone', async () => {
    const { record } = must(await box.outbox.enqueue(delivered(destinations.linkding, { id: testUuid() })));
    expect(must(await saveEdit(record, { note: 'new', tags: '' }, all, { outbox: box.outbox, requestFlush, ...deps }))).toEqual({ plan: { kind: 'update', unchangeable: [] } });
    expect(await saveEdit(record, { note: 'new', tags: '' }, [destinations.shortpen], { outbox: box.outbox, requestFlush, ...deps })).toMatchObject({ ok: false, error: { code: 'destination-missing' } });
    expect(await box.outbox.list({ limit: 10 })).toHaveLength(1);
  });
});
