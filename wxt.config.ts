import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { popupShellPlugin } from './build/popup-shell';

/** Destinations are reached only with a host permission granted for their own origin, at save time. */
const DESTINATION_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

// The e2e mode builds to .output/<browser>-mv3-e2e and exposes test hooks; production never does.
// `wxt/browser` is webextension-polyfill's `browser` (through WXT's module), so every bundle calls one
// promise-based API in both browsers; see README "webextension-polyfill".
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // Firefox gets MV3 too (event-page background, `action`, optional host permissions): one set of API
  // names for both browsers; see README "Firefox: why MV3".
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  hooks: {
    // The popup builds on its own, so its first load is one script (its static imports stay in its entry chunk)
    // instead of chunks shared with the options page; see README "Performance".
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const popup = group.findIndex((entry) => entry.type === 'popup');
        if (popup >= 0) groups.push(group.splice(popup, 1));
      }
    },
    'vite:build:extendConfig': (entries, config) => {
      if (entries.some((entry) => entry.type === 'popup')) config.plugins = [...(config.plugins ?? []), popupShellPlugin()];
    },
  },
  manifest: ({ browser }) => ({
    // Texts come from public/_locales; English is the fallback for every other UI language.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // webRequest only observes (never blocks): "Check connection" reads why its own request failed. No install warning.
    permissions: ['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage', 'webRequest'],
    // `tabs` only for "Save all tabs", `notifications` only when the user turns them on: both asked for at first use.
    optional_permissions: ['tabs', 'notifications'],
    optional_host_permissions: DESTINATION_ORIGINS,
    // An organization's policy (docs/managed-policy.md). Firefox reads policies.json and takes no schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // The toolbar button's tooltip is the popup's <title>, "Keeplink": WXT sets action.default_title from it.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpen__',
      },
      'quick-save': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandQuickSave__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'keeplink@keeplink.dev',
              // ESR 140 is the first desktop Firefox that reads the data-collection declaration; Android needs 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // storage.session, scripting and promise-returning action/permissions all exist from Chrome 123 on.
        { minimum_chrome_version: '123' }),
  }),
});
