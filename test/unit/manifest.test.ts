// Pins the permissions: the least that work. Widening them must be a deliberate change to this test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: 'build' | 'serve' }) => Record<string, unknown>;
const manifestFor = (browser: string, manifestVersion: 2 | 3) =>
  (config.manifest as unknown as ManifestFn)({ browser, manifestVersion, mode: 'production', command: 'build' });

describe('manifest', () => {
  it('Chrome MV3 asks only for what works: tabs and notifications optional, destinations per origin', () => {
    const manifest = manifestFor('chrome', 3);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage', 'webRequest']);
    expect(manifest.optional_permissions).toEqual(['tabs', 'notifications']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.minimum_chrome_version).toBe('123');
  });

  it('puts webextension-polyfill behind wxt/browser in every bundle, and ships it as a dependency', () => {
    expect(config.modules).toContain('@wxt-dev/webextension-polyfill');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('webextension-polyfill');
  });

  it('Firefox builds MV3 too, so action, the action menu context and _execute_action exist there', () => {
    expect(config.manifestVersion).toBe(3);
  });

  it('Firefox declares its id, ESR 140 as minimum (Android 142) and the data it sends', () => {
    const manifest = manifestFor('firefox', 3);
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: 'keeplink@keeplink.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifest.optional_permissions).toEqual(['tabs', 'notifications']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
  });

  it('has the two shortcuts, both user-changeable', () => {
    expect(Object.keys(manifestFor('chrome', 3).commands as object)).toEqual(['_execute_action', 'quick-save']);
  });
});
