// Owns the user's preferences and the validated view of stored destinations.
import { destinationSchema, type Destination } from './providers';
import { z } from './zod';

export const preferencesSchema = z.object({
  defaultDestinationId: z.optional(z.string()),
  lastPopupDestinationId: z.optional(z.string()),
  stripTracking: z._default(z.boolean(), true),
  notifications: z._default(z.boolean(), false),
  /** Menu and shortcut saves show nothing before they send, so the page's selection goes with them only when asked. */
  includeSelection: z._default(z.boolean(), false),
  retentionDays: z._default(z.number().check(z.int(), z.positive()), 90),
  retentionMaxRecords: z._default(z.number().check(z.int(), z.positive()), 10_000),
});

export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

export function parsePreferences(raw: unknown): Preferences {
  const parsed = preferencesSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
}

export interface StoredDestinations {
  valid: Destination[];
  /** Entries that no longer validate are kept (never dropped) so the user can fix them. */
  invalid: unknown[];
}

export function parseDestinations(raw: unknown): StoredDestinations {
  const out: StoredDestinations = { valid: [], invalid: [] };
  if (!Array.isArray(raw)) return out;
  for (const entry of raw) {
    const parsed = destinationSchema.safeParse(entry);
    if (parsed.success) out.valid.push(parsed.data);
    else out.invalid.push(entry);
  }
  return out;
}

/** The default destination: the chosen one if it still exists, else the first. */
export function defaultDestination(destinations: readonly Destination[], prefs: Preferences): Destination | undefined {
  return destinations.find((d) => d.id === prefs.defaultDestinationId) ?? destinations[0];
}

/** Replaces the destination with the same id, or appends it. */
export function upsertDestination<T extends { id: string }>(list: readonly T[], destination: T): T[] {
  const index = list.findIndex((d) => d.id === destination.id);
  if (index < 0) return [...list, destination];
  return list.map((d, i) => (i === index ? destination : d));
}

/** Ids of destinations whose settings differ between two stored lists (added or edited, not removed). */
export function changedDestinationIds(before: readonly unknown[], after: readonly unknown[]): string[] {
  const old = new Map(before.map((d) => [(d as { id?: string }).id, JSON.stringify(d)]));
  return after.flatMap((d) => {
    const id = (d as { id?: string }).id;
    return id && old.get(id) !== JSON.stringify(d) ? [id] : [];
  });
}
