// Owns editing a capture after it was delivered: what its service can change on the item it already has (the
// provider's `resave` rules), the capture that carries the change, and queuing it as a new record linked to the original.
import { buildCapture, type Capture } from './capture';
import { fail, keeplinkError, ok, type Result } from './errors';
import type { EnqueueResult, Outbox } from './outbox/outbox';
import type { OutboxRecord } from './outbox/record';
import { parseTags } from './popup-form';
import { getProvider, limitsFor, type Destination } from './providers';
import type { ResaveRules } from './providers/types';

/** What the user may change on a delivered capture, as typed (tags comma-separated). */
export interface SavedEdit {
  note: string;
  tags: string;
}

/** The note and tags of a capture, as the plan compares them. */
export interface EditFields {
  note: string;
  tags: readonly string[];
}

/**
 * A change the service would keep as it was: the note ('note'), an emptied note ('note-clear': it can only be
 * overwritten with text), the tags ('tags'), or removed tags ('tag-removal': tags can only be added).
 */
export type Unchangeable = 'note' | 'note-clear' | 'tags' | 'tag-removal';

export type EditPlan =
  /** Nothing differs from the delivered capture. */
  | { kind: 'no-change' }
  /** Sent to the item the service has; `unchangeable` lists the parts of the edit it keeps as they were. */
  | { kind: 'update'; unchangeable: Unchangeable[] }
  /** Every change is one the service cannot make to a saved item, so nothing is sent. */
  | { kind: 'cannot-change'; unchangeable: Unchangeable[] }
  /** The service has no update: the edit goes as a new capture (a new link, a new item). */
  | { kind: 'new-capture' };

export const editOfCapture = (capture: Capture): SavedEdit => ({ note: capture.note ?? '', tags: capture.tags.join(', ') });

const fieldsOf = (edit: SavedEdit): EditFields => ({ note: edit.note.trim(), tags: parseTags(edit.tags) });

/** Pure: what sending `after` does to the item saved as `before`, given how the service treats a re-save (undefined: it has no update). */
export function planEdit(rules: ResaveRules | undefined, before: EditFields, after: EditFields): EditPlan {
  const noteChanged = before.note !== after.note;
  const added = after.tags.filter((tag) => !before.tags.includes(tag));
  const removed = before.tags.filter((tag) => !after.tags.includes(tag));
  const tagsChanged = added.length > 0 || removed.length > 0;
  if (!noteChanged && !tagsChanged) return { kind: 'no-change' };
  if (!rules) return { kind: 'new-capture' };

  const unchangeable: Unchangeable[] = [];
  let sent = false;
  if (noteChanged) {
    if (rules.note === 'replaced' || (rules.note === 'set-only' && after.note !== '')) sent = true;
    else unchangeable.push(rules.note === 'set-only' ? 'note-clear' : 'note');
  }
  if (tagsChanged) {
    if (rules.tags === 'replaced') sent = true;
    else if (rules.tags === 'added') {
      if (added.length > 0) sent = true;
      if (removed.length > 0) unchangeable.push('tag-removal');
    } else unchangeable.push('tags');
  }
  return sent ? { kind: 'update', unchangeable } : { kind: 'cannot-change', unchangeable };
}

/**
 * What the edit capture holds: the state the service ends up with, so History never shows a change that was not
 * made (Karakeep's tags stay the original's; wallabag keeps removed tags alongside the new ones).
 */
function resultingFields(plan: EditPlan, before: EditFields, after: EditFields): EditFields {
  if (plan.kind !== 'update') return after;
  const note = plan.unchangeable.includes('note') || plan.unchangeable.includes('note-clear') ? before.note : after.note;
  let tags = after.tags;
  if (plan.unchangeable.includes('tags')) tags = before.tags;
  else if (plan.unchangeable.includes('tag-removal')) tags = [...before.tags, ...after.tags.filter((tag) => !before.tags.includes(tag))];
  return { note, tags };
}

export interface EditDeps {
  now: () => number;
  uuid: () => string;
}

/**
 * The capture that carries the edit: a new id and time, the original page without its selection (it went only
 * while the note quoted it), built against the destination's limits like any capture. A new capture leaves out a
 * custom slug, which the first link already holds.
 */
export function editedCapture(original: Capture, fields: EditFields, plan: EditPlan, destination: Destination, deps: EditDeps): Result<Capture> {
  const { selection: _selection, ...page } = original.page;
  const { customSlug: _slug, ...options } = original.options ?? {};
  const keepOptions = plan.kind === 'new-capture' ? options : (original.options ?? {});
  return buildCapture(
    {
      page,
      source: original.source,
      destinationId: destination.id,
      note: fields.note,
      tags: fields.tags,
      ...(Object.keys(keepOptions).length > 0 ? { options: keepOptions } : {}),
      ...(original.incognito ? { incognito: true } : {}),
    },
    deps,
    limitsFor(destination),
  );
}

export interface EditSaved {
  plan: EditPlan;
  /** The queued edit; undefined when nothing was sent (no change, nothing the service can change, or the original is no longer delivered). */
  queued?: EnqueueResult;
}

export interface SaveEditDeps extends Partial<EditDeps> {
  outbox: Pick<Outbox, 'enqueueEdit'>;
  /** Best effort: the edit is durable already. */
  requestFlush(): void;
}

const defaultDeps: EditDeps = { now: () => Date.now(), uuid: () => crypto.randomUUID() };

/** Plans the edit of a delivered record and queues what its service can take, through the outbox like any save. */
export async function saveEdit(record: OutboxRecord, edit: SavedEdit, destinations: readonly Destination[], deps: SaveEditDeps): Promise<Result<EditSaved>> {
  const destination = destinations.find((d) => d.id === record.destinationId);
  if (!destination) return fail(keeplinkError('destination-missing'));
  const before = fieldsOf(editOfCapture(record.capture));
  const after = fieldsOf(edit);
  const plan = planEdit(getProvider(destination.provider).resave, before, after);
  if (plan.kind === 'no-change' || plan.kind === 'cannot-change') return ok({ plan });
  const capture = editedCapture(record.capture, resultingFields(plan, before, after), plan, destination, { ...defaultDeps, ...deps });
  if (!capture.ok) return capture;
  const queued = await deps.outbox.enqueueEdit(capture.value, record.id);
  if (!queued.ok) return queued;
  if (queued.value && !queued.value.duplicateOf) deps.requestFlush();
  return ok(queued.value ? { plan, queued: queued.value } : { plan });
}
