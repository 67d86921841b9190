// Owns the rules for changes made in Options and by an import while a policy is in force: a locked destination takes
// only a key left to the user, services outside allowedServices cannot be added, the policy's preferences stay.
import { isManagedId } from './managed-ids';
import { mayAddService, type ManagedPolicy, type ManagedPreferenceKey } from './managed-policy';
import { originOrUndefined, sameSettings, viewManaged, type ManagedLocal, type ManagedLocalEntry, type MergedSettings } from './managed-settings';
import type { Destination } from './providers';
import type { Preferences } from './settings';
import type { ImportPreview } from './settings-transfer';

export type ManagedEditRefusal = 'locked' | 'not-managed' | 'service-not-allowed' | 'managed-id';

/**
 * Applies an Options save of a policy destination to what this browser keeps for it. A locked entry takes only a
 * key the admin left to the user; every other change is refused here, not just hidden in the form.
 * `typedKey` is what the user typed in the key field ('' keeps the key there is).
 */
export function applyManagedEdit(
  policy: ManagedPolicy,
  local: ManagedLocal,
  edit: { destination: Destination; typedKey: string },
): { ok: true; value: ManagedLocal } | { ok: false; reason: ManagedEditRefusal } {
  const entry = policy.destinations.find((d) => d.destination.id === edit.destination.id);
  if (!entry) return { ok: false, reason: 'not-managed' };
  const previous = local[entry.destination.id] ?? {};
  const current = viewManaged(entry, previous).destination;
  const { apiKey: _ignored, ...next } = edit.destination;
  const { apiKey: _current, ...inForce } = current;
  const changed = !sameSettings(next, inForce);
  if (entry.locked && (changed || !entry.keyLeftToUser)) {
    // Saving a locked form unchanged is no edit; only a key the admin left open may be typed in.
    if (!changed && !edit.typedKey) return { ok: true, value: local };
    return { ok: false, reason: 'locked' };
  }
  const key = edit.typedKey.trim();
  const updated: ManagedLocalEntry = { ...previous };
  if (key) Object.assign(updated, { apiKey: key, keyOrigin: originOrUndefined(edit.destination.baseUrl) });
  if (!entry.locked) {
    const { apiKey: _policyKey, ...policySettings } = entry.destination;
    delete updated.edited;
    delete updated.basis;
    if (!sameSettings(next, policySettings)) Object.assign(updated, { edited: { ...next, apiKey: '' }, basis: entry.basis });
  }
  return { ok: true, value: { ...local, [entry.destination.id]: updated } };
}

/** The user's own destinations: only services the policy allows, and never one with a policy destination's id. */
export function checkUserDestination(policy: ManagedPolicy, destination: Destination, isNew: boolean): ManagedEditRefusal | undefined {
  if (isManagedId(destination.id)) return 'managed-id';
  if (isNew && !mayAddService(policy, destination.provider)) return 'service-not-allowed';
  return undefined;
}

/** A preference change from Options without the preferences the policy sets: those are refused, not just disabled. */
export function withoutManagedPreferences<T extends Partial<Preferences>>(patch: T, managed: readonly ManagedPreferenceKey[]): T {
  return Object.fromEntries(Object.entries(patch).filter(([key]) => !managed.some((k) => k === key))) as T;
}


export interface ScreenedImport {
  /** What may be imported: the user's own destinations of allowed services, and preferences the policy leaves to them. */
  preview: ImportPreview;
  refused: { destination: Destination; reason: ManagedEditRefusal }[];
  /** Preferences the file names that the policy sets: they stay as the policy says. */
  managedPreferences: ManagedPreferenceKey[];
}

/**
 * An import cannot do what the form may not: add a destination of a service the policy does not allow, replace a
 * policy destination, or change a preference the policy sets. Each refusal is named in the preview.
 */
export function screenImport(merged: Pick<MergedSettings, 'policy' | 'managedPreferences'>, current: readonly Destination[], preview: ImportPreview): ScreenedImport {
  const refused: ScreenedImport['refused'] = [];
  const destinations = preview.destinations.filter((destination) => {
    const reason = checkUserDestination(merged.policy, destination, !current.some((d) => d.id === destination.id));
    if (reason) refused.push({ destination, reason });
    return !reason;
  });
  const managedPreferences = merged.managedPreferences.filter((key) => key in preview.preferences);
  return { preview: { ...preview, destinations, preferences: withoutManagedPreferences(preview.preferences, managedPreferences) }, refused, managedPreferences };
}
