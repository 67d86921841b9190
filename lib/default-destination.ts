// Owns the one rule for the default destination. Schema-free, so the popup's first paint can use it.

/** The chosen default if it still exists, else the first destination. */
export function defaultDestination<T extends { id: string }>(destinations: readonly T[], prefs: { defaultDestinationId?: unknown }): T | undefined {
  return destinations.find((d) => d.id === prefs.defaultDestinationId) ?? destinations[0];
}
