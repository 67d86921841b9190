// `npm start`: the sandbox + test pages, then Chromium with the production build loaded and one destination per
// service pointing at the sandbox. The seeding lives here, in the launcher; the extension itself has none.
import { join } from 'node:path';
import type { ProviderId } from '../../lib/providers/types';
import { launchExtension, type ChromeApi } from '../e2e/harness/launch';

declare const chrome: ChromeApi;
import { startPages } from '../sandbox/pages';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox } from '../sandbox/server';

const SANDBOX_PORT = Number(process.env['SANDBOX_PORT'] ?? 8787);
const PAGES_PORT = Number(process.env['PAGES_PORT'] ?? 8788);

function sandboxDestinations(url: string) {
  const base = sandboxBaseUrls(url);
  const common = (provider: ProviderId, name: string) => ({ id: `sandbox-${provider}`, provider, name, baseUrl: base[provider], apiKey: SANDBOX_KEYS[provider] });
  return [
    { ...common('sharely', 'Sandbox Sharely'), workspaceId: SANDBOX_IDS.sharely.workspaceId },
    { ...common('shortpen', 'Sandbox ShortPen'), domainId: SANDBOX_IDS.shortpen.domainId },
    { ...common('userplane', 'Sandbox Userplane'), workspaceId: SANDBOX_IDS.userplane.workspaceId, domainId: SANDBOX_IDS.userplane.domainId, linkReusable: false },
    { ...common('poozle', 'Sandbox Poozle'), workspaceId: SANDBOX_IDS.poozle.workspaceId, categories: ['TICKETING'], expiresIn: 604800 },
    { ...common('link-action', 'Sandbox Link action'), linkId: SANDBOX_IDS['link-action'].linkId, specificationId: SANDBOX_IDS['link-action'].specificationId },
    // self-hosted bookmark services
    { ...common('linkding', 'Sandbox linkding'), unread: false },
    common('karakeep', 'Sandbox Karakeep'),
    { ...common('linkwarden', 'Sandbox Linkwarden'), collectionId: SANDBOX_IDS.linkwarden.collectionId },
  ];
}

async function main() {
  const sandbox = await startSandbox({ port: SANDBOX_PORT });
  const pages = await startPages({ port: PAGES_PORT });
  const headless = !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
  const harness = await launchExtension({
    extensionDir: join(process.cwd(), '.output', 'chrome-mv3'),
    grantOrigins: ['http://127.0.0.1/*'],
    headless,
  });
  const destinations = sandboxDestinations(sandbox.url);
  await harness.evalInExtension(
    async (list) => {
      await chrome.storage.local.set({ destinations: list, preferences: { defaultDestinationId: list[0]!.id, stripTracking: true } });
    },
    destinations,
  );
  const page = await harness.context.newPage();
  await page.goto(`${pages.url}/article.html`);
  await harness.openExtensionPage('options.html');
  console.log(`
Keeplink is running.
  Sandbox workspace APIs: ${sandbox.url}   (inspect: ${sandbox.url}/__sandbox/requests)
  Test pages:             ${pages.url}/article.html
  Destinations seeded:    ${destinations.map((d) => d.name).join(', ')}
${headless ? '\nNo display found (DISPLAY is unset), so Chromium runs headless. Run `npm start` in a desktop session to see it.\n' : ''}
Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await harness.close().catch(() => undefined);
    await Promise.all([sandbox.close(), pages.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  harness.context.on('close', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
