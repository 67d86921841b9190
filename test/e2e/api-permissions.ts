// Pre-grants optional API permissions (e.g. `tabs`) in a closed Chromium profile, as if the user had accepted the prompt.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Chromium keeps a granted optional API permission in both sets: active makes it effective at start-up,
// granted makes a later permissions.request() for it resolve true without a prompt.
const permissionSetKeys = ['active_permissions', 'granted_permissions'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds `apis` (e.g. ['tabs']) to one extension's permission sets. Chromium must be closed. */
export async function grantApiPermissionsInProfile(profileDir: string, extensionId: string, apis: readonly string[]): Promise<void> {
  const file = join(profileDir, 'Default', 'Preferences');
  const prefs: unknown = JSON.parse(await readFile(file, 'utf8'));
  const extensions = isObject(prefs) ? prefs['extensions'] : undefined;
  const settings = isObject(extensions) ? extensions['settings'] : undefined;
  const entry = isObject(settings) ? settings[extensionId] : undefined;
  if (!isObject(entry)) throw new Error(`Chromium preferences at ${file} have no extensions.settings entry for ${extensionId}`);
  for (const key of permissionSetKeys) {
    const set = isObject(entry[key]) ? entry[key] : {};
    const api = Array.isArray(set['api']) ? (set['api'] as unknown[]) : [];
    entry[key] = { explicit_host: [], manifest_permissions: [], scriptable_host: [], ...set, api: [...new Set([...api, ...apis])] };
  }
  await writeFile(file, JSON.stringify(prefs));
}
