// A raw CDP session to a target that Playwright does not attach itself, such as the action popup.
import type { CDPSession } from 'playwright-core';
import { withTimeout } from './with-timeout';

interface Reply {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

/**
 * Talks to one target through the browser-level session in non-flattened mode
 * (Target.sendMessageToTarget). Playwright's CDPSession can only address its own session, so a
 * flattened child session would be unreachable; this mode still works in Chromium 156.
 */
export class TargetSession {
  private nextId = 0;
  private readonly replies = new Map<number, Reply>();
  private detachedReason: string | undefined;

  private constructor(
    private readonly browserSession: CDPSession,
    private readonly sessionId: string,
    readonly targetId: string,
    private readonly commandTimeoutMs: number,
  ) {
    browserSession.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId === this.sessionId) this.onMessage(event.message);
    });
    browserSession.on('Target.detachedFromTarget', (event) => {
      if (event.sessionId === this.sessionId) this.onDetached('the target closed or detached');
    });
  }

  static async attach(browserSession: CDPSession, targetId: string, commandTimeoutMs = 10_000): Promise<TargetSession> {
    const { sessionId } = await withTimeout(
      browserSession.send('Target.attachToTarget', { targetId, flatten: false }),
      commandTimeoutMs,
      `attach CDP to target ${targetId}`,
    );
    return new TargetSession(browserSession, sessionId, targetId, commandTimeoutMs);
  }

  get isDetached(): boolean {
    return this.detachedReason !== undefined;
  }

  /** Sends one CDP command to the target; the caller validates the result's shape. */
  async send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (this.detachedReason !== undefined) {
      throw new Error(`CDP ${method} on target ${this.targetId} failed: ${this.detachedReason}`);
    }
    const id = ++this.nextId;
    const reply = new Promise<unknown>((resolve, reject) => this.replies.set(id, { resolve, reject, method }));
    try {
      await this.browserSession.send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return await withTimeout(reply, this.commandTimeoutMs, `CDP ${method} on target ${this.targetId}`);
    } finally {
      this.replies.delete(id);
    }
  }

  async detach(): Promise<void> {
    if (this.detachedReason !== undefined) return;
    this.onDetached('the session was detached');
    await this.browserSession.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
  }

  private onMessage(raw: string): void {
    const message = JSON.parse(raw) as { id?: number; result?: unknown; error?: { message?: string } };
    if (message.id === undefined) return;
    const reply = this.replies.get(message.id);
    if (!reply) return;
    if (message.error) reply.reject(new Error(`CDP ${reply.method} failed: ${message.error.message ?? 'unknown error'}`));
    else reply.resolve(message.result);
  }

  private onDetached(reason: string): void {
    this.detachedReason ??= reason;
    for (const reply of this.replies.values()) {
      reply.reject(new Error(`CDP ${reply.method} on target ${this.targetId} failed: ${reason}`));
    }
    this.replies.clear();
  }
}
