// Shared e2e setup: the sandbox, the test pages, page objects for the options page, and sandbox queries.
import type { Page } from 'playwright-core';
import type { ProviderId } from '../../lib/providers/types';
import { startPages } from '../sandbox/pages';
import { SANDBOX_IDS, SANDBOX_KEYS, sandboxBaseUrls, startSandbox } from '../sandbox/server';

export type SandboxHandle = Awaited<ReturnType<typeof startSandbox>>;
export type PagesHandle = Awaited<ReturnType<typeof startPages>>;

export async function startServers(): Promise<{ sandbox: SandboxHandle; pages: PagesHandle; close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, seed: 7 });
  const pages = await startPages({ port: 0 });
  return { sandbox, pages, close: async () => void (await Promise.all([sandbox.close(), pages.close()])) };
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
  }
}

const SERVICE_LABELS: Record<ProviderId, string> = {
  sharely: 'Sharely',
  shortpen: 'ShortPen',
  userplane: 'Userplane',
  poozle: 'Poozle',
  'link-action': 'Link action',
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

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
