// Owns settings export/import as JSON: keys left out unless asked, imports validated and previewed before applying.
import { checkBaseUrlField } from './destination-form';
import { fail, keeplinkError, ok, type Result } from './errors';
import { destinationSchema, type Destination } from './providers';
import type { ProviderId } from './providers/types';
import { preferencesSchema, upsertDestination, type Preferences } from './settings';
import { z } from './zod';

export const SETTINGS_FORMAT = 'keeplink-settings';

const exportSchema = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  keysIncluded: z.boolean(),
  destinations: z.array(z.unknown()),
  preferences: z.optional(z.unknown()),
});

export function exportSettings(destinations: readonly Destination[], preferences: Preferences, options: { includeKeys: boolean; now?: Date }): string {
  const { lastPopupDestinationId: _last, ...shared } = preferences;
  const data: z.infer<typeof exportSchema> = {
    format: SETTINGS_FORMAT,
    version: 1,
    exportedAt: (options.now ?? new Date()).toISOString(),
    keysIncluded: options.includeKeys,
    destinations: destinations.map((d) => (options.includeKeys ? d : { ...d, apiKey: '' })),
    preferences: shared,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The preferences an export carries: everything but what belongs to this browser's popup. */
export type SharedPreferences = Omit<Preferences, 'lastPopupDestinationId'>;

export interface ImportPreview {
  destinations: Destination[];
  /** Only the preferences the file names; the others stay as they are. */
  preferences: Partial<SharedPreferences>;
  keysIncluded: boolean;
}

const importProblem = (details: Record<string, string | number>) => fail(keeplinkError('field-invalid', { field: 'import', details }));

function parseDestination(raw: unknown, index: number): Result<Destination> {
  const parsed = destinationSchema.safeParse(raw);
  if (!parsed.success) return importProblem({ reason: 'bad-destination', index, path: parsed.error.issues[0]?.path.join('.') ?? '' });
  // The options form's own rule: a file must not bring in an address the form would refuse.
  const baseUrl = checkBaseUrlField(parsed.data.baseUrl);
  if (!baseUrl.ok) return importProblem({ reason: 'bad-base-url', index, name: parsed.data.name, problem: baseUrl.problem.code });
  return ok({ ...parsed.data, baseUrl: baseUrl.value });
}

function parsePreferencesPatch(raw: unknown): Partial<SharedPreferences> | undefined {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const parsed = z.partial(preferencesSchema).safeParse(raw);
  if (!parsed.success) return undefined;
  // The schema's defaults would fill in every preference the file leaves out, and reset them.
  const named = Object.entries(parsed.data).filter(([key]) => key in raw && key !== 'lastPopupDestinationId');
  return Object.fromEntries(named) as Partial<SharedPreferences>;
}

/** Parses an export; the first problem is reported with where it is (details.index for a destination). */
export function parseSettingsImport(text: string): Result<ImportPreview> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return importProblem({ reason: 'not-json' });
  }
  const envelope = exportSchema.safeParse(json);
  if (!envelope.success) return importProblem({ reason: 'not-keeplink' });
  const destinations: Destination[] = [];
  for (const [index, raw] of envelope.data.destinations.entries()) {
    const parsed = parseDestination(raw, index);
    if (!parsed.ok) return parsed;
    destinations.push(parsed.value);
  }
  const preferences = parsePreferencesPatch(envelope.data.preferences);
  if (!preferences) return importProblem({ reason: 'bad-preferences' });
  return ok({ destinations, preferences, keysIncluded: envelope.data.keysIncluded });
}

/** What happens to a destination's key: the file's, the one this browser has, none, or the stored one blanked. */
export type KeyFate = 'from-file' | 'kept' | 'cleared' | 'none';

export interface DestinationChange {
  name: string;
  provider: ProviderId;
  baseUrl: string;
  /** The stored destination with the same id; absent for a new one. */
  previous?: { name: string; provider: ProviderId; baseUrl: string };
  key: KeyFate;
}

export interface PreferenceChange {
  key: keyof SharedPreferences;
  from: unknown;
  to: unknown;
}

export interface ImportPlan {
  destinations: Destination[];
  preferences: Partial<SharedPreferences>;
  destinationChanges: DestinationChange[];
  preferenceChanges: PreferenceChange[];
}

function originOrUndefined(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * A stored key stays only with the same service at the same origin. Otherwise a file could point an
 * existing destination at another server, and the next capture would hand that server the user's key.
 */
function mayKeepKey(existing: Destination, incoming: Destination): boolean {
  const origin = originOrUndefined(existing.baseUrl);
  return existing.provider === incoming.provider && origin !== undefined && origin === originOrUndefined(incoming.baseUrl);
}

function importDestination(existing: Destination | undefined, incoming: Destination): { destination: Destination; key: KeyFate } {
  if (incoming.apiKey) return { destination: incoming, key: 'from-file' };
  if (!existing?.apiKey) return { destination: incoming, key: 'none' };
  if (mayKeepKey(existing, incoming)) return { destination: { ...incoming, apiKey: existing.apiKey }, key: 'kept' };
  return { destination: incoming, key: 'cleared' };
}

/** Merges by id, and lists every change the preview must show before anything is applied. */
export function planSettingsImport(current: { destinations: readonly Destination[]; preferences: Preferences }, preview: ImportPreview): ImportPlan {
  let destinations = [...current.destinations];
  const destinationChanges: DestinationChange[] = [];
  for (const incoming of preview.destinations) {
    const existing = current.destinations.find((d) => d.id === incoming.id);
    const { destination, key } = importDestination(existing, incoming);
    destinations = upsertDestination(destinations, destination);
    const change: DestinationChange = { name: incoming.name, provider: incoming.provider, baseUrl: incoming.baseUrl, key };
    if (existing) change.previous = { name: existing.name, provider: existing.provider, baseUrl: existing.baseUrl };
    destinationChanges.push(change);
  }
  const preferenceChanges = (Object.entries(preview.preferences) as [keyof SharedPreferences, unknown][])
    .filter(([key, to]) => current.preferences[key] !== to)
    .map(([key, to]) => ({ key, from: current.preferences[key], to }));
  return { destinations, preferences: preview.preferences, destinationChanges, preferenceChanges };
}
