// Polls a condition until it holds: the e2e scenarios wait for states, never for fixed times.

/**
 * `retryErrors`: a probe that throws counts as "not yet" (Firefox's evaluate throws while a page navigates); without
 * it the error ends the poll at once.
 */
export async function pollFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs = 20_000,
  { retryErrors = true }: { retryErrors?: boolean } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last as T;
    } catch (error) {
      if (!retryErrors) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}
