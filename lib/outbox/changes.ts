// Owns outbox change notifications across the popup, options page and worker of one extension.

export const OUTBOX_CHANNEL = 'keeplink-outbox';

export interface OutboxChange {
  type: 'outbox/changed';
  ids: string[];
}

function isOutboxChange(data: unknown): data is OutboxChange {
  return typeof data === 'object' && data !== null && Reflect.get(data, 'type') === 'outbox/changed' && Array.isArray(Reflect.get(data, 'ids'));
}

/** Tells every context (this one included) which records changed. A context without BroadcastChannel just misses it. */
let sender: BroadcastChannel | undefined;

export function postOutboxChanged(ids: readonly string[]): void {
  if (ids.length === 0 || typeof BroadcastChannel === 'undefined') return;
  // One sender per context: opening a channel for every write costs more than the write's own notification.
  sender ??= new BroadcastChannel(OUTBOX_CHANNEL);
  const change: OutboxChange = { type: 'outbox/changed', ids: [...ids] };
  sender.postMessage(change);
}

/** Calls `listener` after every outbox write in any context; returns the unsubscribe function. */
export function onOutboxChanged(listener: (change: OutboxChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isOutboxChange(event.data)) listener(event.data);
  };
  return () => channel.close();
}
