// Owns the organization's policy (storage.managed): its schema, and which of its parts Keeplink can use and why not.
import { checkBaseUrl } from './origin';
import { managedDestinationId } from './managed-ids';
import { destinationSchema, getProvider, isProviderId, providerIds, type Destination } from './providers';
import type { ProviderId } from './providers/types';
import { preferencesSchema, type Preferences } from './settings';
import { z } from './zod';

/** The preferences a policy may set; notifications stay the user's, since turning them on needs the user's consent. */
export const MANAGED_PREFERENCE_KEYS = ['stripTracking', 'includeSelection', 'retentionDays', 'retentionMaxRecords'] as const;
export type ManagedPreferenceKey = (typeof MANAGED_PREFERENCE_KEYS)[number];
export type ManagedPreferences = Partial<Pick<Preferences, ManagedPreferenceKey>>;

/** Services a policy cannot preset: wallabag needs the user's password once, which no policy should carry. */
const NOT_MANAGEABLE: readonly ProviderId[] = ['wallabag'];

const POLICY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The policy's top level; each part is checked on its own below, so one bad part never voids the others. */
export const managedPolicySchema = z.object({
  destinations: z.optional(z.unknown()),
  preferences: z.optional(z.unknown()),
  allowedServices: z.optional(z.unknown()),
});
export type ManagedPolicyValue = z.infer<typeof managedPolicySchema>;

/** What a destination entry has beyond a stored destination's settings. */
const entryHeadSchema = z.object({
  id: z.string().check(z.refine((id) => POLICY_ID.test(id))),
  // Locked unless the admin says otherwise: the safer reading of an entry that does not say.
  locked: z._default(z.boolean(), true),
});

export type PolicyProblemReason =
  | 'not-an-object'
  | 'not-a-list'
  | 'bad-id'
  | 'duplicate-id'
  | 'unknown-service'
  | 'not-manageable'
  | 'bad-field'
  | 'bad-base-url'
  | 'bad-value';

/** A part of the policy that was ignored; `part` is its path in the policy (destinations.1, preferences.retentionDays). */
export interface PolicyProblem {
  part: string;
  reason: PolicyProblemReason;
  /** The field at fault inside a destination entry. */
  field?: string;
}

export interface ManagedDestination {
  /** As the policy sets it, with its derived id; `apiKey` is '' when the admin leaves the key to the user. */
  destination: Destination;
  locked: boolean;
  keyLeftToUser: boolean;
  /** Changes whenever the admin changes the entry: a user's edit of an unlocked entry holds only for the entry it was made on. */
  basis: string;
}

export interface ManagedPolicy {
  destinations: ManagedDestination[];
  preferences: ManagedPreferences;
  /** Absent: every service may be added. */
  allowedServices?: ProviderId[];
  problems: PolicyProblem[];
}

export const EMPTY_POLICY: ManagedPolicy = { destinations: [], preferences: {}, problems: [] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** FNV-1a: a short, stable fingerprint; the entry (which may hold a key) is never stored itself. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * Whole-number ids given as digit strings become numbers. Chrome's schema types a key that is text for one service
 * and a number for another (domainId, workspaceId) as text, and drops the whole list when one value has the wrong type.
 */
function withNumbers(provider: ProviderId, settings: Record<string, unknown>): Record<string, unknown> {
  const out = { ...settings };
  for (const field of getProvider(provider).fields) {
    const value = out[field.key];
    if (field.kind === 'int' && typeof value === 'string' && /^\d+$/.test(value)) out[field.key] = Number(value);
  }
  return out;
}

function parseEntry(raw: unknown, part: string): { ok: true; value: ManagedDestination } | { ok: false; problem: PolicyProblem } {
  if (!isRecord(raw)) return { ok: false, problem: { part, reason: 'not-an-object' } };
  const head = entryHeadSchema.safeParse(raw);
  if (!head.success) return { ok: false, problem: { part, reason: 'bad-id', field: String(head.error.issues[0]?.path[0] ?? 'id') } };
  if (!isProviderId(raw.provider)) return { ok: false, problem: { part, reason: 'unknown-service', field: 'provider' } };
  if (NOT_MANAGEABLE.includes(raw.provider)) return { ok: false, problem: { part, reason: 'not-manageable', field: 'provider' } };
  const { locked: _locked, ...settings } = raw;
  const parsed = destinationSchema.safeParse({ ...withNumbers(raw.provider, settings), apiKey: raw.apiKey ?? '', id: managedDestinationId(head.data.id) });
  if (!parsed.success) return { ok: false, problem: { part, reason: 'bad-field', field: String(parsed.error.issues[0]?.path[0] ?? '') } };
  // The options form's own rule, so a policy cannot send a key in clear text either.
  const baseUrl = checkBaseUrl(parsed.data.baseUrl);
  if (!baseUrl.ok) return { ok: false, problem: { part, reason: 'bad-base-url', field: 'baseUrl' } };
  const destination = { ...parsed.data, baseUrl: baseUrl.value };
  return {
    ok: true,
    value: { destination, locked: head.data.locked, keyLeftToUser: destination.apiKey.trim() === '', basis: fingerprint(JSON.stringify(raw)) },
  };
}

function parseDestinations(raw: unknown, problems: PolicyProblem[]): ManagedDestination[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ part: 'destinations', reason: 'not-a-list' });
    return [];
  }
  const out: ManagedDestination[] = [];
  raw.forEach((entry: unknown, index) => {
    const part = `destinations.${index}`;
    const parsed = parseEntry(entry, part);
    if (!parsed.ok) problems.push(parsed.problem);
    else if (out.some((d) => d.destination.id === parsed.value.destination.id)) problems.push({ part, reason: 'duplicate-id', field: 'id' });
    else out.push(parsed.value);
  });
  return out;
}

function parsePreferences(raw: unknown, problems: PolicyProblem[]): ManagedPreferences {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    problems.push({ part: 'preferences', reason: 'not-an-object' });
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const known = MANAGED_PREFERENCE_KEYS.find((k) => k === key);
    // Each value on its own: one bad value leaves the others in force.
    const parsed = known && preferencesSchema.safeParse({ [known]: value });
    if (known && parsed && parsed.success) out[known] = parsed.data[known];
    else problems.push({ part: `preferences.${key}`, reason: 'bad-value' });
  }
  return out as ManagedPreferences;
}

function parseAllowed(raw: unknown, problems: PolicyProblem[]): ProviderId[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    problems.push({ part: 'allowedServices', reason: 'not-a-list' });
    return undefined;
  }
  const allowed: ProviderId[] = [];
  raw.forEach((value: unknown, index) => {
    if (isProviderId(value)) allowed.push(value);
    else problems.push({ part: `allowedServices.${index}`, reason: 'unknown-service' });
  });
  return providerIds.filter((id) => allowed.includes(id));
}

/** Never throws: what cannot be used is left out and named in `problems`, and the rest of the policy still applies. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (raw === undefined || raw === null) return EMPTY_POLICY;
  const value = isRecord(raw) && managedPolicySchema.safeParse(raw);
  if (!value || !value.success) return { ...EMPTY_POLICY, problems: [{ part: 'policy', reason: 'not-an-object' }] };
  const problems: PolicyProblem[] = [];
  const destinations = parseDestinations(value.data.destinations, problems);
  const preferences = parsePreferences(value.data.preferences, problems);
  const allowedServices = parseAllowed(value.data.allowedServices, problems);
  return { destinations, preferences, ...(allowedServices ? { allowedServices } : {}), problems };
}

/** Whether the user may add a destination of this service (the policy's own destinations are not limited by it). */
export const mayAddService = (policy: ManagedPolicy, provider: ProviderId): boolean => !policy.allowedServices || policy.allowedServices.includes(provider);
