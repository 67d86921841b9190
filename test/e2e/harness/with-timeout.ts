// Bounded waiting for the e2e harness: every step that can hang fails with a message naming the step.

export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
}

/** Resolves like `promise`, or rejects with a StepTimeoutError naming `step` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeoutError(`Timed out after ${ms} ms: ${step}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined, and returns that.
 * A probe that throws ends the poll at once: only "not yet" is retried, never a failure.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  step: string,
  { timeoutMs, intervalMs = 50 }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    const value = await withTimeout(probe(), Math.max(remaining, 1), step);
    if (value !== undefined) return value;
    if (Date.now() + intervalMs > deadline) {
      throw new StepTimeoutError(`Timed out after ${timeoutMs} ms: ${step}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
