// What a delivered record says when the service already had the URL (linkding's update, Karakeep's re-save, Linkwarden's 409).
import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../components/record-status';
import { outboxRecordSchema, type OutboxRecord } from '../../../lib/outbox/record';
import { makeCapture } from '../outbox/fixtures';

function synced(result: OutboxRecord['result']): OutboxRecord {
  const capture = makeCapture();
  return {
    id: capture.id,
    capture,
    destinationId: capture.destinationId,
    normalizedUrl: capture.page.url,
    status: 'synced',
    createdAt: 1,
    updatedAt: 2,
    attempts: 1,
    nextAttemptAt: 2,
    retrySpentMs: 0,
    ...(result ? { result } : {}),
  };
}

describe('describeRecord for a URL the service already had', () => {
  it('linkding: "Already in linkding — updated its tags and note" instead of the bookmark id', () => {
    expect(describeRecord(synced({ id: '7', existing: 'updated' }), 'My links', 'linkding')).toEqual({
      word: 'Saved',
      text: 'Already in linkding — updated its tags and note',
    });
    expect(describeRecord(synced({ id: '8' }), 'My links', 'linkding').text).toBe('Saved to My links — bookmark id 8');
  });

  it('Karakeep: "Already in Karakeep — moved it back to the top; its tags are unchanged"', () => {
    expect(describeRecord(synced({ id: 'k1', existing: 'kept' }), 'Keep', 'karakeep').text).toBe('Already in Karakeep — moved it back to the top; its tags are unchanged');
  });

  it('Linkwarden preventing duplicates: "Already in Linkwarden — left as it was"', () => {
    expect(describeRecord(synced({ existing: 'unchanged' }), 'Links', 'linkwarden').text).toBe('Already in Linkwarden — left as it was (it is set to prevent duplicate links)');
  });

  it('wallabag: "Already in wallabag — kept that entry and added the new tags to it"', () => {
    expect(describeRecord(synced({ id: '1234', existing: 'tags-added' }), 'Reading', 'wallabag').text).toBe('Already in wallabag — kept that entry and added the new tags to it');
    expect(outboxRecordSchema.safeParse(synced({ id: '1234', existing: 'tags-added' })).success).toBe(true);
  });

  it('Karakeep taking a new note: "Already in Karakeep — updated its note…"', () => {
    expect(describeRecord(synced({ id: 'k', existing: 'note-updated' }), 'Keep', 'karakeep').text).toBe('Already in Karakeep — updated its note and moved it back to the top; its tags are unchanged');
    expect(outboxRecordSchema.safeParse(synced({ id: 'k', existing: 'note-updated' })).success).toBe(true);
  });

  it('the outbox stores the flag, and refuses a value it does not know', () => {
    expect(outboxRecordSchema.safeParse(synced({ id: '7', existing: 'updated' })).success).toBe(true);
    expect(outboxRecordSchema.safeParse({ ...synced({ id: '7' }), result: { id: '7', existing: 'maybe' } }).success).toBe(false);
  });
});
