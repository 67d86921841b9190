import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** Destinations are reached only with a host permission granted for their own origin, at save time. */
const DESTINATION_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

// The e2e mode builds to .output/chrome-mv3-e2e and exposes test hooks; production never does.
// `wxt/browser` is the browser's own promise-based API (MV3 `chrome`, Firefox `browser`); see README
// "Why no webextension-polyfill" for the measured reason the polyfill was dropped.
export default defineConfig({
  imports: false,
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    // Texts come from public/_locales; English is the fallback for every other UI language.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: ['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage'],
    // `tabs` only for "Save all tabs", `notifications` only when the user turns them on: both asked for at first use.
    ...(manifestVersion === 3
      ? { optional_permissions: ['tabs', 'notifications'], optional_host_permissions: DESTINATION_ORIGINS }
      : { optional_permissions: ['tabs', 'notifications', ...DESTINATION_ORIGINS] }),
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
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] },
            },
          },
        }
      : // Every API Keeplink calls returns a promise natively from Chrome 123 on (no polyfill; see README).
        { minimum_chrome_version: '123' }),
  }),
});
