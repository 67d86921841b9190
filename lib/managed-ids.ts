// Owns the ids of destinations an organization's policy sets. Schema-free, so the popup's first paint can list them.
import { summarizeDestinations, type DestinationSummary } from './popup-form';

/** Every policy destination's id starts with this; a user's destinations have UUIDs, so the two never meet. */
export const MANAGED_ID_PREFIX = 'managed-';

/**
 * Derived from the id the admin gives the entry, never from its position or its settings: captures stay bound to
 * the destination across restarts, reorders and edits of the policy.
 */
export const managedDestinationId = (policyId: string): string => `${MANAGED_ID_PREFIX}${policyId}`;

export const isManagedId = (id: string): boolean => id.startsWith(MANAGED_ID_PREFIX);

/** What the first paint shows of the policy's destinations, unvalidated (the full check runs with the save code). */
export function summarizeManaged(policy: unknown): DestinationSummary[] {
  const list: unknown = typeof policy === 'object' && policy !== null ? Reflect.get(policy, 'destinations') : undefined;
  return summarizeDestinations(list).map((summary) => ({ ...summary, id: managedDestinationId(summary.id) }));
}
