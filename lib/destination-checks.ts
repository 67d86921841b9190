// Owns the options page's checks of a saved destination: "Check connection" (creates nothing) and "Send test link" (creates one).
import { buildCapture } from './capture';
import { originOf } from './origin';
import { keeplinkError, ok, type KeeplinkError } from './errors';
import { sendRequest, type FetchLike } from './http';
import { buildRequestFor, getProvider, type Destination } from './providers';
import { redactError, redactOutcome } from './redact';
import type { TokenSessions } from './providers/token-session';
import type { Outcome, Provider, ProviderRequest } from './providers/types';

export interface CheckDeps {
  /** Whether Keeplink may reach this base URL's origin. */
  hasPermission(baseUrl: string): Promise<boolean>;
  fetch: FetchLike;
  timeoutMs: number;
  uuid?: () => string;
  now?: () => number;
  /** OAuth tokens for providers with `auth` (wallabag): the check and the test link go with the access token. */
  tokens?: TokenSessions;
}

export type ConnectionReport =
  | { ok: true; status: number }
  | { ok: false; stage: 'permission' | 'reachable' | 'rejected'; error: KeeplinkError };

/** The request as sent: through the token session when the provider signs in with OAuth. */
function sender(provider: Provider, destination: Destination, deps: CheckDeps, idempotencyKey: string) {
  const send = (request: ProviderRequest) =>
    sendRequest(request, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, idempotencyKey, allowedOrigin: originOf(destination.baseUrl) });
  return (request: ProviderRequest) => (provider.auth && deps.tokens ? deps.tokens.send(provider.auth, destination, request, send) : send(request));
}

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
  const answer = await sender(provider, destination, deps, 'connection-check')(probe.value);
  if (!answer.ok) {
    const stage = answer.error.code === 'auth-signin-required' ? 'rejected' : 'reachable';
    return { ok: false, stage, error: redactError(answer.error, destination.apiKey) };
  }
  // A check that sends credentials must be accepted; a plain probe only needs an answer.
  const { status } = answer.value;
  if (provider.auth && (status < 200 || status >= 300)) {
    const outcome = provider.classify(answer.value);
    const error = outcome.kind === 'synced' ? keeplinkError('unexpected-status', { status }) : outcome.error;
    return { ok: false, stage: 'rejected', error: redactError(error, destination.apiKey) };
  }
  return { ok: true, status };
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
  const provider = getProvider(destination.provider) as unknown as Provider;
  const answer = await sender(provider, destination, deps, capture.value.id)(request.value);
  const outcome: Outcome = answer.ok ? provider.classify(answer.value) : { kind: answer.error.code === 'auth-signin-required' ? 'paused' : 'retry', error: answer.error };
  // What the page shows must be masked exactly as what the flush stores.
  return redactOutcome(outcome, destination.apiKey);
}
