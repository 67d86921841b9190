import { describe, expect, it } from 'vitest';
import { onOutboxChanged, postOutboxChanged, type OutboxChange } from '../../../lib/outbox/changes';
import { createOutbox } from '../../../lib/outbox/outbox';
import { makeCapture, must } from './fixtures';

function nextChange(): Promise<OutboxChange> {
  return new Promise((resolve) => {
    const stop = onOutboxChanged((change) => {
      stop();
      resolve(change);
    });
  });
}

describe('outbox change notifications', () => {
  it('an outbox write reaches a listener on the keeplink-outbox channel with the changed ids', async () => {
    const outbox = createOutbox();
    const received = nextChange();
    const { record } = must(await outbox.enqueue(makeCapture()));
    expect(await received).toEqual({ type: 'outbox/changed', ids: [record.id] });
  });

  it('a listener that unsubscribed hears nothing more, and other messages on the channel are ignored', async () => {
    const heard: OutboxChange[] = [];
    const stop = onOutboxChanged((change) => heard.push(change));
    const stranger = new BroadcastChannel('keeplink-outbox');
    stranger.postMessage({ type: 'something-else' });
    stranger.close();
    const first = nextChange();
    postOutboxChanged(['one']);
    await first;
    stop();
    const second = nextChange();
    postOutboxChanged(['two']);
    await second;
    expect(heard).toEqual([{ type: 'outbox/changed', ids: ['one'] }]);
  });
});
