// Owns the one merged view of settings every context reads: the policy's and the user's (see managed-settings.ts).
import { mergeSettings, type MergedSettings } from '../managed-settings';
import { readManagedPolicy } from './managed';
import { destinationsItem, managedLocalItem, preferencesItem } from './storage';

export async function loadMergedSettings(): Promise<MergedSettings> {
  const [policy, destinations, preferences, managedLocal] = await Promise.all([
    readManagedPolicy(),
    destinationsItem.getValue(),
    preferencesItem.getValue(),
    managedLocalItem.getValue(),
  ]);
  return mergeSettings({ policy, destinations, preferences, managedLocal });
}
