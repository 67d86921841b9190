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
    name: 'Keeplink',
    description: 'Save the page you are on to the tools your team works in, even offline.',
    permissions: ['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage'],
    // `tabs` only for "Save all tabs", `notifications` only when the user turns them on: both asked for at first use.
    ...(manifestVersion === 3
      ? { optional_permissions: ['tabs', 'notifications'], optional_host_permissions: DESTINATION_ORIGINS }
      : { optional_permissions: ['tabs', 'notifications', ...DESTINATION_ORIGINS] }),
    action: { default_title: 'Save to Keeplink' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Open Keeplink',
      },
      'quick-save': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the current tab to the default destination',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'keeplink@keeplink.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
