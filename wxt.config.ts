import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The e2e mode builds to .output/chrome-mv3-e2e and exposes test hooks; production never does.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Keeplink',
    description: 'Save the page you are on to the tools your team works in, even offline.',
    permissions: ['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage'],
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'] }
      : { optional_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'] }),
    action: { default_title: 'Save to Keeplink' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Open Keeplink',
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
