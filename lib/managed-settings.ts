// Owns the one view of settings every context uses: the policy's destinations and preferences merged with the user's,
// what the user kept for the policy's destinations (a key left to them, edits of unlocked ones), and the lock rules.
import { keeplinkError } from './errors';
import { isManagedId } from './managed-ids';
import { MANAGED_PREFERENCE_KEYS, parseManagedPolicy, type ManagedDestination, type ManagedPolicy, type ManagedPreferenceKey } from './managed-policy';
import { destinationSchema, getProvider, type Destination } from './providers';
import { parseDestinations, parsePreferences, type InvalidDestination, type Preferences } from './settings';
import { z } from './zod';

/** What this browser keeps for one policy destination, in storage.local under `managedLocal`. */
const managedLocalEntrySchema = z.object({
  /** A key the user entered, with the origin it was entered for: it is sent only there. */
  apiKey: z.optional(z.string()),
  keyOrigin: z.optional(z.string()),
  /** The user's edit of an unlocked entry (without any key), valid only while the entry's basis is unchanged. */
  edited: z.optional(z.unknown()),
  basis: z.optional(z.string()),
});
export type ManagedLocalEntry = z.infer<typeof managedLocalEntrySchema>;
export type ManagedLocal = Record<string, ManagedLocalEntry>;

export function parseManagedLocal(raw: unknown): ManagedLocal {
  const parsed = z.record(z.string(), managedLocalEntrySchema).safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

export interface ManagedMark {
  locked: boolean;
  /** The key field stays editable: the admin left the key to the user (or the entry is not locked). */
  keyEditable: boolean;
  /** The user's own edit of an unlocked entry is in force. */
  edited: boolean;
}

export interface ManagedView extends ManagedMark {
  /** In force, with the key it would send ('' when none is set yet). */
  destination: Destination;
}

export interface MergedSettings {
  /** The policy's destinations first (the first is the default until the user picks one), then the user's. */
  destinations: Destination[];
  invalidDestinations: InvalidDestination[];
  preferences: Preferences;
  /** Every policy destination, also one still waiting for its key. */
  managed: ManagedView[];
  managedPreferences: ManagedPreferenceKey[];
  policy: ManagedPolicy;
}

/** Key order differs between a form's parse and a stored copy; the values are what count. */
export const sameSettings = (a: object, b: object): boolean => {
  const sorted = (o: object) => JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a) === sorted(b);
};

export const originOrUndefined = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

function editedCopy(entry: ManagedDestination, local: ManagedLocalEntry | undefined): Destination | undefined {
  if (entry.locked || !local?.edited || local.basis !== entry.basis) return undefined;
  const parsed = destinationSchema.safeParse(local.edited);
  return parsed.success && parsed.data.id === entry.destination.id && parsed.data.provider === entry.destination.provider ? parsed.data : undefined;
}

/**
 * The key a policy destination sends: the user's for the origin they entered it for, else the policy's while the
 * destination still points at the policy's origin. A key never follows a destination to another origin.
 */
function keyFor(entry: ManagedDestination, settings: Destination, local: ManagedLocalEntry | undefined): string {
  const origin = originOrUndefined(settings.baseUrl);
  const userMayReplace = !entry.locked || entry.keyLeftToUser;
  if (userMayReplace && local?.apiKey && local.keyOrigin === origin) return local.apiKey;
  if (!entry.keyLeftToUser && origin === originOrUndefined(entry.destination.baseUrl)) return entry.destination.apiKey;
  return '';
}

export function viewManaged(entry: ManagedDestination, local: ManagedLocalEntry | undefined): ManagedView {
  const edited = editedCopy(entry, local);
  const settings = edited ?? entry.destination;
  return {
    destination: { ...settings, apiKey: keyFor(entry, settings, local) },
    locked: entry.locked,
    keyEditable: !entry.locked || entry.keyLeftToUser,
    edited: edited !== undefined,
  };
}

export function mergeSettings(input: { policy: unknown; destinations: unknown; preferences: unknown; managedLocal: unknown }): MergedSettings {
  const policy = parseManagedPolicy(input.policy);
  const local = parseManagedLocal(input.managedLocal);
  const user = parseDestinations(input.destinations);
  const managed = policy.destinations.map((entry) => viewManaged(entry, local[entry.destination.id]));
  const ready: Destination[] = [];
  const waiting: InvalidDestination[] = [];
  for (const view of managed) {
    // A key the service needs and nobody set yet: its captures wait, as for any setting to fix in Options.
    if (getProvider(view.destination.provider).apiKeyRequired && !view.destination.apiKey.trim()) {
      waiting.push({ id: view.destination.id, error: keeplinkError('field-invalid', { field: 'apiKey', details: { scope: 'settings' } }) });
    } else ready.push(view.destination);
  }
  // A user entry can never stand in for a policy one (an import or a hand edit with a managed id).
  const own = user.valid.filter((d) => !isManagedId(d.id));
  const managedPreferences = MANAGED_PREFERENCE_KEYS.filter((key) => policy.preferences[key] !== undefined);
  return {
    destinations: [...ready, ...own],
    invalidDestinations: [...waiting, ...user.invalid.filter((d) => !isManagedId(d.id))],
    preferences: { ...parsePreferences(input.preferences), ...policy.preferences },
    managed,
    managedPreferences,
    policy,
  };
}
