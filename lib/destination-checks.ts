// Owns the options page's checks of a saved destination: "Check connection" (creates nothing) and "Send test link" (creates one).
import { buildCapture } from './capture';
import { originOf } from './origin';
import { keeplinkError, ok, type KeeplinkError } from './errors';
import { sendRequest, type FetchLike } from './http';
import { buildRequestFor, getProvider, type Destination } from './providers';
import { redactError, redactOutcome } from './redact';
import type { Outcome, Provider } from './providers/types';

export interface CheckDeps {
  /** Whether Keeplink may reach this base URL's origin. */
  hasPermission(baseUrl: string): Promise<boolean>;
  fetch: FetchLike;
  timeoutMs: number;
  uuid?: () => string;
  now?: () => number;
}

export type ConnectionReport =
  | { ok: true; status: number }
  | { ok: false; stage: 'permission' | 'reachable'; error: KeeplinkError };

/**
 * Settings are valid by construction (a stored Destination passed its schema). This checks the
 * permission, then that the host answers HTTP at all: a GET of the base URL, without the key,
 * so nothing can be created and the key goes nowhere; or the provider's own read-only request.
 */
export async function checkConnection(destination: Destination, deps: CheckDeps): Promise<ConnectionReport> {
  if (!(await deps.hasPermission(destination.baseUrl))) {
    return { ok: false, stage: 'permission', error: keeplinkError('permission-missing') };
  }
  const provider = getProvider(destination.provider) as unknown as Provider;
  const probe = provider.checkRequest?.(destination) ?? ok({ method: 'GET', url: destination.baseUrl, headers: { accept: 'application/json' }, body: undefined });
  if (!probe.ok) return { ok: false, stage: 'reachable', error: probe.error };
  const answer = await sendRequest(probe.value, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    idempotencyKey: 'connection-check',
    allowedOrigin: originOf(destination.baseUrl),
  });
  if (!answer.ok) return { ok: false, stage: 'reachable', error: redactError(answer.error, destination.apiKey) };
  return { ok: true, status: answer.value.status };
}

export const TEST_LINK_URL = 'https://keeplink.dev/test-link';

/** Sends one real capture of a fixed test page straight to the destination and classifies the answer. */
export async function sendTestLink(destination: Destination, deps: CheckDeps): Promise<Outcome> {
  if (!(await deps.hasPermission(destination.baseUrl))) {
    return { kind: 'paused', error: keeplinkError('permission-missing') };
  }
  const capture = buildCapture(
    { page: { url: TEST_LINK_URL, title: 'Keeplink test link' }, source: 'popup', destinationId: destination.id, note: 'Sent by “Send test link” in Keeplink’s options.' },
    { uuid: deps.uuid ?? (() => crypto.randomUUID()), now: deps.now ?? (() => Date.now()) },
  );
  if (!capture.ok) return { kind: 'failed', error: capture.error };
  const request = buildRequestFor(capture.value, destination);
  if (!request.ok) return { kind: 'failed', error: request.error };
  const answer = await sendRequest(request.value, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    idempotencyKey: capture.value.id,
    allowedOrigin: originOf(destination.baseUrl),
  });
  const outcome: Outcome = answer.ok ? (getProvider(destination.provider) as unknown as Provider).classify(answer.value) : { kind: 'retry', error: answer.error };
  // What the page shows must be masked exactly as what the flush stores.
  return redactOutcome(outcome, destination.apiKey);
}
