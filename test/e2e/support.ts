// Shared e2e setup: the sandbox, the test pages, page objects for the options page, and sandbox queries.
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import type { ProviderId } from '../../lib/providers/types';
import { startPages } from '../sandbox/pages';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox } from '../sandbox/server';
import { afterAll, beforeAll } from 'vitest';
import { launchExtension, type ChromeApi, type Harness } from './harness/launch';
import { pollFor } from './scenarios/poll';

declare const chrome: ChromeApi;

export type SandboxHandle = Awaited<ReturnType<typeof startSandbox>>;
export type PagesHandle = Awaited<ReturnType<typeof startPages>>;

export async function startServers(): Promise<{ sandbox: SandboxHandle; pages: PagesHandle; close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, seed: 7 });
  const pages = await startPages({ port: 0 });
  return { sandbox, pages, close: async () => void (await Promise.all([sandbox.close(), pages.close()])) };
}

/** For one describe block: servers and a launched extension before all tests, both closed after. */
export function useExtension(grantOrigins: string[] = ['http://127.0.0.1/*']): { servers: Awaited<ReturnType<typeof startServers>>; harness: Harness } {
  const env = {} as { servers: Awaited<ReturnType<typeof startServers>>; harness: Harness };
  beforeAll(async () => {
    env.servers = await startServers();
    env.harness = await launchExtension({ grantOrigins });
  });
  afterAll(async () => {
    await env.harness?.close();
    await env.servers?.close();
  });
  return env;
}

export interface SandboxRequest {
  seq: number;
  provider: ProviderId;
  body: Record<string, unknown>;
  valid: boolean;
  status: number;
  idempotencyKey?: string;
  acknowledged: boolean;
  createdId?: string;
}

async function control<T>(sandbox: SandboxHandle, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const sandboxApi = (sandbox: SandboxHandle) => ({
  requests: async (provider?: ProviderId) => {
    const answer = await control<SandboxRequest[] | { requests: SandboxRequest[] }>(sandbox, 'GET', `/requests${provider ? `?provider=${provider}` : ''}`);
    return Array.isArray(answer) ? answer : answer.requests;
  },
  reset: () => control(sandbox, 'POST', '/reset'),
  fault: (rule: Record<string, unknown>) => control(sandbox, 'POST', '/faults', rule),
  clearFaults: () => control(sandbox, 'DELETE', '/faults'),
  revoke: (provider: ProviderId, code?: string) => control(sandbox, 'POST', '/revoke', { provider, code }),
  setKey: (provider: ProviderId, key: string) => control(sandbox, 'POST', '/keys', { provider, key }),
  stats: () => control<Record<string, unknown>>(sandbox, 'GET', '/stats'),
});

/** The form values to configure each service against the sandbox through the options UI. */
export function sandboxForm(sandbox: SandboxHandle, provider: ProviderId): Record<string, string> {
  const base = { 'API base URL': sandboxBaseUrls(sandbox.url)[provider], 'API key': SANDBOX_KEYS[provider] };
  switch (provider) {
    case 'sharely':
      return { ...base, 'Workspace ID': SANDBOX_IDS.sharely.workspaceId };
    case 'shortpen':
      return { ...base, 'Domain ID': String(SANDBOX_IDS.shortpen.domainId) };
    case 'userplane':
      return { ...base, 'Workspace ID': SANDBOX_IDS.userplane.workspaceId, 'Domain ID': SANDBOX_IDS.userplane.domainId };
    case 'poozle':
      return { ...base, 'Workspace ID': SANDBOX_IDS.poozle.workspaceId, Categories: 'TICKETING' };
    case 'link-action':
      return { ...base, 'Link ID': SANDBOX_IDS['link-action'].linkId, 'Specification ID': SANDBOX_IDS['link-action'].specificationId };
    // self-hosted bookmark services: base URL and key only
    case 'linkding':
    case 'karakeep':
      return base;
    case 'linkwarden':
      return { ...base, 'Collection ID': String(SANDBOX_IDS.linkwarden.collectionId) };
    case 'wallabag':
      return {
        'API base URL': sandboxBaseUrls(sandbox.url).wallabag,
        'Client secret': SANDBOX_KEYS.wallabag,
        'Client ID': SANDBOX_IDS.wallabag.clientId,
        Username: SANDBOX_IDS.wallabag.username,
        Password: SANDBOX_IDS.wallabag.password,
      };
    case 'webhook':
      return {
        'Webhook URL': sandboxBaseUrls(sandbox.url).webhook,
        'Secret header value': SANDBOX_KEYS.webhook,
        'Secret header name': SANDBOX_IDS.webhook.secretHeader,
      };
  }
}

const SERVICE_LABELS: Record<ProviderId, string> = {
  sharely: 'Sharely',
  shortpen: 'ShortPen',
  userplane: 'Userplane',
  poozle: 'Poozle',
  'link-action': 'Link action',
  // self-hosted bookmark services
  linkding: 'linkding',
  karakeep: 'Karakeep',
  linkwarden: 'Linkwarden',
  webhook: 'JSON webhook',
  wallabag: 'wallabag',
};

/** Adds a destination the way a person does: Add destination, pick the service, fill fields, save. */
export async function addDestination(options: Page, provider: ProviderId, name: string, fields: Record<string, string>) {
  await options.getByRole('button', { name: 'Add destination' }).click();
  await options.getByRole('combobox', { name: 'Service' }).selectOption({ label: SERVICE_LABELS[provider] });
  await options.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  for (const [label, value] of Object.entries(fields)) {
    await options.getByRole('textbox', { name: label, exact: true }).fill(value);
  }
  await options.getByRole('button', { name: 'Save destination' }).click();
  await options.getByRole('listitem', { name }).waitFor();
}

/**
 * The usual start: fresh sandbox servers, the extension with 127.0.0.1 granted, and the destinations added in Options
 * the way a person does, in order (the first is the default). Options is left open for the test's own settings.
 */
export async function launchWithDestinations(...destinations: readonly [provider: ProviderId, name: string][]) {
  const servers = await startServers();
  const sandbox = sandboxApi(servers.sandbox);
  const harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  const options = await harness.openExtensionPage('options.html');
  for (const [provider, name] of destinations) await addDestination(options, provider, name, sandboxForm(servers.sandbox, provider));
  return { servers, sandbox, harness, options };
}

/** Polls until `probe` gives a value; a probe that throws fails at once. */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  return pollFor(what, probe, timeoutMs, { retryErrors: false });
}

// ---------------------------------------------------------------- issue 5: hooks, gestures, popup status, QR

/** The test build's hooks on the worker's globalThis (entrypoints/background.ts, e2e mode only). */
export interface KeeplinkTestHooks {
  onMenuClick(info: Record<string, unknown>, tab?: unknown): Promise<unknown>;
  onCommand(command: string, tab?: unknown): Promise<unknown>;
  flush(): Promise<unknown>;
  enqueueMany(inputs: unknown[]): Promise<unknown>;
}

/** The sandbox's hold point: freeze answers once `afterRequests` create requests are recorded, then release. */
export const sandboxHold = (sandbox: SandboxHandle) => ({
  hold: (afterRequests: number) => control(sandbox, 'POST', '/hold', { afterRequests }),
  release: () => control(sandbox, 'DELETE', '/hold'),
});

/** Stored destinations by name → id, read in an extension page. */
export async function destinationIds(harness: Harness): Promise<Record<string, string>> {
  const list = await harness.evalInExtension(async () => {
    const { destinations } = await chrome.storage.local.get('destinations');
    return (destinations ?? []) as { id: string; name: string }[];
  });
  return Object.fromEntries(list.map((d) => [d.name, d.id]));
}

/** The popup's one role=status text. */
export async function statusText(popup: Page): Promise<string> {
  return (await popup.getByRole('status').textContent()) ?? '';
}

export async function waitForStatus(popup: Page, prefix: string, timeoutMs?: number): Promise<string> {
  return waitFor(`the popup status to start with "${prefix}"`, async () => {
    const text = await statusText(popup);
    return text.startsWith(prefix) ? text : undefined;
  }, timeoutMs);
}

/** Opens `path` from the test pages in a new tab and returns it with its chrome tab id. */
export async function openTestPage(harness: Harness, pages: PagesHandle, path: string): Promise<{ page: Page; tabId: number; url: string }> {
  const page = await harness.context.newPage();
  const url = `${pages.url}${path}`;
  await page.goto(url);
  return { page, tabId: await harness.tabIdOf(page), url };
}

const GESTURE_RELAY = 'e2e/menu-click-with-gesture';

/**
 * Calls the worker's menu handler inside a real user gesture, as a native menu click does. A handler run
 * through worker.evaluate has none, and chrome.permissions.request() then fails "must be called during a
 * user gesture". A message sent from an extension page that Playwright evaluates in (with a user gesture)
 * carries the gesture into the worker's onMessage listener, which calls the hook synchronously.
 */
export async function menuClickWithGesture(harness: Harness, info: Record<string, unknown>, tabId: number): Promise<unknown> {
  const worker = await harness.worker();
  await worker.evaluate((type) => {
    const scope = globalThis as unknown as { __keeplinkTest: KeeplinkTestHooks; __keeplinkRelay?: boolean };
    if (scope.__keeplinkRelay) return;
    scope.__keeplinkRelay = true;
    chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (answer: unknown) => void) => {
      const call = message as { type?: string; info: Record<string, unknown>; tab: unknown };
      if (call.type !== type) return false;
      scope.__keeplinkTest.onMenuClick(call.info, call.tab).then(sendResponse, (error: unknown) => sendResponse({ thrown: String(error) }));
      return true;
    });
  }, GESTURE_RELAY);
  const tab = await harness.evalInExtension((id) => chrome.tabs.get(id), tabId);
  return harness.evalInExtension((call) => chrome.runtime.sendMessage(call), { type: GESTURE_RELAY, info, tab });
}

/** Decodes the QR code shown by an <img> in `page` (drawn on a canvas in the page, decoded with jsQR here). */
export async function decodeQrImage(page: Page, imageSrc: string): Promise<string | undefined> {
  const pixels = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas context');
    context.drawImage(image, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width, height, base64: btoa(binary) };
  }, imageSrc);
  const data = new Uint8ClampedArray(Buffer.from(pixels.base64, 'base64'));
  return jsQR(data, pixels.width, pixels.height)?.data;
}

/** Opens the popup's "More options" disclosure unless it already is (it stays as it was left, per destination). */
export async function showMoreOptions(popup: Page): Promise<void> {
  const more = popup.getByRole('button', { name: 'More options' });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}
