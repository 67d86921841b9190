// A raw CDP session to a target that Playwright does not attach itself, such as the action popup.
import type { CDPSession } from 'playwright-core';
import { withTimeout } from './with-timeout';

interface Reply {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

interface TargetMessage {
  sessionId: string;
  message: string;
}

interface DetachedEvent {
  sessionId: string;
}

/**
 * Talks to one target through the browser-level session in non-flattened mode
 * (Target.sendMessageToTarget). Playwright's CDPSession can only address its own session, so a
 * flattened child session would be unreachable; non-flattened mode still works in Chromium 156.
 */
export class TargetSession {
  private nextId = 0;
  private readonly replies = new Map<number, Reply>();
  private detachedReason: string | undefined;
  private readonly onTargetMessage = (event: TargetMessage): void => {
    if (event.sessionId === this.sessionId) this.onMessage(event.message);
  };
  private readonly onTargetDetached = (event: DetachedEvent): void => {
    if (event.sessionId === this.sessionId) this.markDetached('the target closed');
  };

  private constructor(
    private readonly browserSession: CDPSession,
    private readonly sessionId: string,
    readonly targetId: string,
    private readonly commandTimeoutMs: number,
  ) {
    browserSession.on('Target.receivedMessageFromTarget', this.onTargetMessage);
    browserSession.on('Target.detachedFromTarget', this.onTargetDetached);
  }

  static async attach(browserSession: CDPSession, targetId: string, commandTimeoutMs = 10_000): Promise<TargetSession> {
    const { sessionId } = await withTimeout(
      browserSession.send('Target.attachToTarget', { targetId, flatten: false }),
      commandTimeoutMs,
      `attaching CDP to target ${targetId}`,
    );
    return new TargetSession(browserSession, sessionId, targetId, commandTimeoutMs);
  }

  get isDetached(): boolean {
    return this.detachedReason !== undefined;
  }

  /** Sends one CDP command to the target; callers validate the result's shape. */
  async send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (this.detachedReason !== undefined) {
      throw new Error(`CDP ${method} on target ${this.targetId} failed: ${this.detachedReason}`);
    }
    const id = ++this.nextId;
    const reply = new Promise<unknown>((resolve, reject) => this.replies.set(id, { resolve, reject, method }));
    // The target may detach while the message is still being sent; exchange() surfaces that.
    reply.catch(() => undefined);
    const exchange = async (): Promise<unknown> => {
      await this.browserSession.send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return reply;
    };
    try {
      return await withTimeout(exchange(), this.commandTimeoutMs, `CDP ${method} on target ${this.targetId}`);
    } finally {
      this.replies.delete(id);
    }
  }

  async detach(): Promise<void> {
    if (this.detachedReason !== undefined) return;
    this.markDetached('the session was detached');
    await this.browserSession.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
  }

  private onMessage(raw: string): void {
    const message = JSON.parse(raw) as { id?: number; result?: unknown; error?: { message?: string } };
    const reply = message.id === undefined ? undefined : this.replies.get(message.id);
    if (!reply) return;
    if (message.error) reply.reject(new Error(`CDP ${reply.method} failed: ${message.error.message ?? 'unknown error'}`));
    else reply.resolve(message.result);
  }

  private markDetached(reason: string): void {
    this.detachedReason ??= reason;
    this.browserSession.off('Target.receivedMessageFromTarget', this.onTargetMessage);
    this.browserSession.off('Target.detachedFromTarget', this.onTargetDetached);
    for (const reply of this.replies.values()) {
      reply.reject(new Error(`CDP ${reply.method} on target ${this.targetId} failed: ${reason}`));
    }
    this.replies.clear();
  }
}
