// Pre-grants optional host permissions by editing a closed Chromium profile's Preferences file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The permission-set keys Chromium 156 writes under extensions.settings.<id>. It writes
// runtime_granted_permissions only once something is granted at runtime, in this same shape.
const permissionSetKeys = ['active_permissions', 'granted_permissions', 'runtime_granted_permissions'] as const;

interface PermissionSet {
  api: unknown[];
  explicit_host: string[];
  manifest_permissions: unknown[];
  scriptable_host: unknown[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function permissionSet(existing: unknown): PermissionSet {
  const set = isObject(existing) ? existing : {};
  const list = (key: string): unknown[] => (Array.isArray(set[key]) ? (set[key] as unknown[]) : []);
  return {
    ...set,
    api: list('api'),
    explicit_host: list('explicit_host').filter((host): host is string => typeof host === 'string'),
    manifest_permissions: list('manifest_permissions'),
    scriptable_host: list('scriptable_host'),
  };
}

/**
 * Adds `origins` as granted explicit hosts for one extension. Chromium must be closed.
 * active_permissions makes them effective at start-up; granted_permissions and
 * runtime_granted_permissions make a later permissions.request() resolve true without a prompt.
 */
export async function grantHostPermissionsInProfile(
  profileDir: string,
  extensionId: string,
  origins: readonly string[],
): Promise<void> {
  const file = join(profileDir, 'Default', 'Preferences');
  let prefs: unknown;
  try {
    prefs = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read Chromium preferences at ${file}: ${String(error)}`);
  }
  const extensions = isObject(prefs) ? prefs['extensions'] : undefined;
  const settings = isObject(extensions) ? extensions['settings'] : undefined;
  const entry = isObject(settings) ? settings[extensionId] : undefined;
  if (!isObject(entry)) {
    throw new Error(`Chromium preferences at ${file} have no extensions.settings entry for ${extensionId}`);
  }
  for (const key of permissionSetKeys) {
    const set = permissionSet(entry[key]);
    set.explicit_host = [...new Set([...set.explicit_host, ...origins])];
    entry[key] = set;
  }
  await writeFile(file, JSON.stringify(prefs));
}
