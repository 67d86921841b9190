// Owns the user's preferences and the validated view of stored destinations.
import { keeplinkError, type KeeplinkError } from './errors';
import { destinationSchema, type Destination } from './providers';
import { z } from './zod';

export const preferencesSchema = z.object({
  defaultDestinationId: z.optional(z.string()),
  lastPopupDestinationId: z.optional(z.string()),
  stripTracking: z._default(z.boolean(), true),
  notifications: z._default(z.boolean(), false),
  /** Menu and shortcut saves show nothing before they send, so the page's selection goes with them only when asked. */
  includeSelection: z._default(z.boolean(), false),
  /** The popup saves by itself when it opens, after the Undo window (POPUP_UNDO_MS). */
  saveOnOpen: z._default(z.boolean(), false),
  /** The popup closes once its capture is delivered, unless the user typed since pressing Save. */
  closeAfterSave: z._default(z.boolean(), false),
  retentionDays: z._default(z.number().check(z.int(), z.positive()), 90),
  retentionMaxRecords: z._default(z.number().check(z.int(), z.positive()), 10_000),
});

export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

export function parsePreferences(raw: unknown): Preferences {
  const parsed = preferencesSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
}

/** A stored destination that no longer validates (an older version's rules, a hand edit): its captures wait for the fix. */
export interface InvalidDestination {
  id: string;
  /** `field-invalid` naming the first field at fault, worded as "fix it in Options". */
  error: KeeplinkError;
}

export interface StoredDestinations {
  valid: Destination[];
  /** Entries that no longer validate are kept (never dropped) so the user can fix them; those without an id cannot be referenced. */
  invalid: InvalidDestination[];
}

export function parseDestinations(raw: unknown): StoredDestinations {
  const out: StoredDestinations = { valid: [], invalid: [] };
  if (!Array.isArray(raw)) return out;
  for (const entry of raw) {
    const parsed = destinationSchema.safeParse(entry);
    if (parsed.success) {
      out.valid.push(parsed.data);
      continue;
    }
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') continue;
    const field = parsed.error.issues[0]?.path[0];
    out.invalid.push({ id, error: keeplinkError('field-invalid', { ...(typeof field === 'string' ? { field } : {}), details: { scope: 'settings' } }) });
  }
  return out;
}

/**
 * The list to store after an edit: `next` in place of the stored valid entries, while stored entries that no
 * longer validate stay (for the user to fix) unless `dropId` removes one.
 */
export function keepInvalidEntries(stored: unknown, next: readonly Destination[], dropId?: string): unknown[] {
  const byId = new Map(next.map((d) => [d.id, d]));
  const out: unknown[] = [];
  for (const entry of Array.isArray(stored) ? stored : []) {
    const id = (entry as { id?: unknown } | null)?.id;
    const replacement = typeof id === 'string' ? byId.get(id) : undefined;
    if (replacement) {
      out.push(replacement);
      byId.delete(replacement.id);
    } else if (id !== dropId && !destinationSchema.safeParse(entry).success && typeof id === 'string') out.push(entry);
  }
  return [...out, ...byId.values()];
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
