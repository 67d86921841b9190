// Owns the ids of destinations an organization's policy sets. Schema-free, so the popup's first paint can list them.

/** Every policy destination's id starts with this; a user's destinations have UUIDs, so the two never meet. */
export const MANAGED_ID_PREFIX = 'managed-';

/**
 * Derived from the id the admin gives the entry, never from its position or its settings: captures stay bound to
 * the destination across restarts, reorders and edits of the policy.
 */
export const managedDestinationId = (policyId: string): string => `${MANAGED_ID_PREFIX}${policyId}`;

export const isManagedId = (id: string): boolean => id.startsWith(MANAGED_ID_PREFIX);

/** What the first paint shows of the policy's destinations, unvalidated (the full check runs with the save code). */
export function summarizeManaged(policy: unknown): { id: string; name: string; provider: string; baseUrl?: string }[] {
  const list = (policy as { destinations?: unknown } | null | undefined)?.destinations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, name, provider, baseUrl } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string' || typeof provider !== 'string') return [];
    const summary = { id: managedDestinationId(id), name, provider };
    return [typeof baseUrl === 'string' ? { ...summary, baseUrl } : summary];
  });
}
