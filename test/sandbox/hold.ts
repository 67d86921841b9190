// A hold point: from the Nth create request on, the sandbox answers nothing until released.
import { z } from '../../lib/zod';

export const holdBodySchema = z.object({
  /** Requests 1..N are recorded as usual; from then on answers wait and later arrivals are parked unrecorded. */
  afterRequests: z.int().check(z.gte(0)),
});

export interface HoldStatus {
  afterRequests: number | null;
  /** Armed, and N requests have been recorded: the sandbox is frozen. */
  reached: boolean;
  /** Arrivals waiting to be recorded. */
  parked: number;
  /** Recorded requests whose answer waits to be written. */
  answers: number;
}

/**
 * Lets a test act at a chosen request count rather than on a timer: it arms the hold at N, waits for
 * `reached`, does what it wants (e.g. stops the service worker while requests are in flight), then
 * releases. The check is synchronous so that concurrent arrivals can never overshoot N.
 */
export class RequestHold {
  private afterRequests: number | undefined;
  private parked: (() => void)[] = [];
  private answers: (() => void)[] = [];

  arm(afterRequests: number): void {
    this.afterRequests = afterRequests;
  }

  isReached(recorded: number): boolean {
    return this.afterRequests !== undefined && recorded >= this.afterRequests;
  }

  /** Undefined to go on at once; otherwise a promise that resolves on release. Call just before recording. */
  arrival(recorded: number): Promise<void> | undefined {
    return this.isReached(recorded) ? new Promise((resolve) => this.parked.push(resolve)) : undefined;
  }

  /** Undefined to write the answer at once; otherwise a promise that resolves on release. */
  answer(recorded: number): Promise<void> | undefined {
    return this.isReached(recorded) ? new Promise((resolve) => this.answers.push(resolve)) : undefined;
  }

  /** Disarms and lets everything waiting go on: held answers first, then parked arrivals in arrival order. Returns how many waited. */
  release(): number {
    const waiting = [...this.answers, ...this.parked];
    this.afterRequests = undefined;
    this.parked = [];
    this.answers = [];
    for (const resume of waiting) resume();
    return waiting.length;
  }

  describe(recorded: number): HoldStatus {
    return {
      afterRequests: this.afterRequests ?? null,
      reached: this.isReached(recorded),
      parked: this.parked.length,
      answers: this.answers.length,
    };
  }
}
