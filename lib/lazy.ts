// Owns "load once, then answer synchronously": a click handler that awaits an import() it already has still waits a
// task, which is a frame after the click and outside the user gesture that permission prompts need.

export interface Lazy<T> {
  /** Starts the load on the first call; a failed load is tried again on the next call. */
  (): Promise<T>;
  /** The loaded value, or undefined until the first load has settled. */
  current(): T | undefined;
}

export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  const get = () =>
    (pending ??= load().then(
      (loaded) => (value = loaded),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  return Object.assign(get, { current: () => value });
}
