// Owns the one message between contexts: "the outbox changed, flush soon", sent by the popup and options page to the worker.
import { browser } from 'wxt/browser';

const FLUSH_MESSAGE = { type: 'outbox/flush' } as const;
export type FlushRequestMessage = typeof FLUSH_MESSAGE;

/**
 * Best effort: the records are durable already, and the worker flushes on its own next wake too, so a
 * worker that is starting (no listener yet) or an extension being reloaded loses nothing.
 */
export function requestFlush(): void {
  browser.runtime.sendMessage(FLUSH_MESSAGE).catch(() => undefined);
}

export function isFlushRequest(message: unknown): message is FlushRequestMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === FLUSH_MESSAGE.type;
}
