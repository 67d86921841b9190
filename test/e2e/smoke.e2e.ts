// Smoke test of the e2e harness against the built extension: load, grant, worker lifecycle, popup.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension } from './harness/launch';
import type { ChromeApi, Harness } from './harness/launch';
import { withTimeout } from './harness/with-timeout';

declare const chrome: ChromeApi;

const origin = 'http://127.0.0.1/*';
const timings: Array<{ step: string; ms: number }> = [];

async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings.push({ step, ms: Math.round(performance.now() - started) });
  }
}

function startPageServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end('<!doctype html><title>Smoke article</title><h1>Smoke article</h1>');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/article` });
    });
  });
}

describe('e2e harness smoke', () => {
  let harness: Harness | undefined;
  let server: Server | undefined;
  let pageUrl = '';

  const h = (): Harness => {
    if (!harness) throw new Error('The harness did not launch (see the beforeAll error)');
    return harness;
  };

  beforeAll(async () => {
    const started = await startPageServer();
    server = started.server;
    pageUrl = started.url;
    harness = await timed('launchExtension', () => launchExtension({ grantOrigins: [origin] }));
    timings.push(...harness.launchTimings.map(({ step, ms }) => ({ step: `  ${step}`, ms })));
  });

  afterAll(async () => {
    await timed('close', async () => {
      await harness?.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    });
    console.log(timings.map(({ step, ms }) => `${step.padEnd(28)} ${String(ms).padStart(6)} ms`).join('\n'));
  });

  it('loads Keeplink under a Chromium extension id', async () => {
    expect(h().extensionId).toMatch(/^[a-p]{32}$/);
    // The built manifest names a message; the browser resolves it from _locales.
    expect(h().manifest.name).toBe('__MSG_extName__');
    const live = await timed('manifest from browser', () => h().evalInExtension(() => chrome.runtime.getManifest().name));
    expect(live).toBe('Keeplink');
    expect(typeof (await h().badgeText())).toBe('string');
  });

  it('has the optional host permission pre-granted, so request() needs no prompt', async () => {
    const contains = await h().evalInExtension((origins) => chrome.permissions.contains({ origins }), [origin]);
    expect(contains).toBe(true);
    // A prompt would never settle in headless Chromium; a granted permission resolves at once.
    const requested = await timed('permissions.request', () =>
      h().evalInExtension((origins) => chrome.permissions.request({ origins }), [origin]),
    );
    expect(requested).toBe(true);
  });

  it('stops the service worker for real, and an event wakes it with fresh globals', async () => {
    const before = await h().worker();
    await before.evaluate(() => {
      (globalThis as { keeplinkE2eMarker?: number }).keeplinkE2eMarker = 1;
    });

    await timed('stopServiceWorker', () => h().stopServiceWorker());
    expect(await h().isServiceWorkerRunning()).toBe(false);

    await timed('wake by message', async () => {
      // Fire and forget: the message only has to arrive; whether anything answers is not the point.
      await h().evalInExtension(() => {
        chrome.runtime.sendMessage({ type: 'e2e/wake' }).catch(() => undefined);
      });
      await h().worker();
    });
    expect(await h().isServiceWorkerRunning()).toBe(true);
    const after = await h().worker();
    const marker = await withTimeout(
      after.evaluate(() => (globalThis as { keeplinkE2eMarker?: number }).keeplinkE2eMarker ?? null),
      10_000,
      'reading the marker in the restarted worker',
    );
    expect(marker).toBeNull();
  });

  it('opens the real popup for an http page and exposes its document', async () => {
    const page = await h().context.newPage();
    await page.goto(pageUrl);
    const tabId = await h().tabIdOf(page);

    const popup = await timed('openPopupFor', () => h().openPopupFor(page));
    expect(popup.url).toBe(h().extensionUrl('popup.html'));
    expect(popup.tabId).toBe(tabId);
    expect(await popup.evaluate(() => document.querySelector('#app') !== null)).toBe(true);
    expect(await h().evalInExtension(() => chrome.extension.getViews({ type: 'popup' }).length)).toBe(1);

    // Exercise the adapter on a probe of our own, outside #app so it cannot disturb the UI.
    await popup.evaluate(() => {
      const probe = document.createElement('div');
      probe.innerHTML =
        '<label>Probe note <input></label><button type="button">Probe save</button><p hidden><button>Probe hidden</button></p>';
      const log: Array<{ trusted: boolean; active: boolean; note: string }> = [];
      Object.assign(window, { probeLog: log });
      probe.querySelector('button')?.addEventListener('click', (event) => {
        log.push({
          trusted: event.isTrusted,
          active: navigator.userActivation.isActive,
          note: probe.querySelector('input')?.value ?? '',
        });
      });
      document.body.append(probe);
    });
    await popup.getByRole('textbox', { name: 'Probe note' }).fill('typed here');
    await popup.getByRole('button', { name: 'probe save' }).click();
    expect(await popup.getByRole('button', { name: 'Probe hidden' }).count()).toBe(0);
    expect(await popup.getByRole('button', { name: /^Probe save$/ }).textContent()).toBe('Probe save');
    expect(await popup.evaluate(() => (window as unknown as { probeLog: unknown[] }).probeLog)).toEqual([
      { trusted: true, active: true, note: 'typed here' },
    ]);

    await popup.close();
    expect(popup.isClosed).toBe(true);
    expect(await h().evalInExtension(() => chrome.extension.getViews({ type: 'popup' }).length)).toBe(0);
    await page.close();
  });

  it('opens popup.html for a given tab as a normal page', async () => {
    const page = await h().context.newPage();
    await page.goto(pageUrl);
    const tabId = await h().tabIdOf(page);
    const popupPage = await timed('popupPageFor', () => h().popupPageFor(tabId));
    expect(new URL(popupPage.url()).searchParams.get('tabId')).toBe(String(tabId));
    await expect.poll(() => popupPage.locator('#app').count()).toBe(1);
    await popupPage.close();
    await page.close();
  });
});
