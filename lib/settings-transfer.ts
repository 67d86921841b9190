// Owns settings export/import as JSON: keys left out unless asked, imports validated and previewed before applying.
import { fail, keeplinkError, ok, type Result } from './errors';
import { destinationSchema, type Destination } from './providers';
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

export interface ImportPreview {
  destinations: Destination[];
  preferences?: Partial<Preferences>;
  keysIncluded: boolean;
}

/** Parses an export; the first problem is reported with where it is (details.index for a destination). */
export function parseSettingsImport(text: string): Result<ImportPreview> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(keeplinkError('field-invalid', { field: 'import', details: { reason: 'not-json' } }));
  }
  const envelope = exportSchema.safeParse(json);
  if (!envelope.success) return fail(keeplinkError('field-invalid', { field: 'import', details: { reason: 'not-keeplink' } }));
  const destinations: Destination[] = [];
  for (const [index, raw] of envelope.data.destinations.entries()) {
    const parsed = destinationSchema.safeParse(raw);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path.join('.') ?? '';
      return fail(keeplinkError('field-invalid', { field: 'import', details: { reason: 'bad-destination', index, path } }));
    }
    destinations.push(parsed.data);
  }
  const preview: ImportPreview = { destinations, keysIncluded: envelope.data.keysIncluded };
  if (envelope.data.preferences !== undefined) {
    const prefs = z.partial(preferencesSchema).safeParse(envelope.data.preferences);
    if (!prefs.success) return fail(keeplinkError('field-invalid', { field: 'import', details: { reason: 'bad-preferences' } }));
    preview.preferences = prefs.data;
  }
  return ok(preview);
}

/** Merges by id; an imported destination without a key keeps the key this browser already has for it. */
export function applySettingsImport(current: readonly Destination[], preview: ImportPreview): Destination[] {
  let next = [...current];
  for (const incoming of preview.destinations) {
    const existing = current.find((d) => d.id === incoming.id);
    next = upsertDestination(next, incoming.apiKey || !existing ? incoming : { ...incoming, apiKey: existing.apiKey });
  }
  return next;
}
