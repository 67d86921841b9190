// Owns the options page's checks of a saved destination: "Check connection" (creates nothing) and "Send test link" (creates one).
import { buildCapture } from './capture';
import { originOf } from './origin';
import { keeplinkError, type KeeplinkError } from './errors';
import { sendRequest, type FetchLike } from './http';
import { buildRequestFor, getProvider, type Destination } from './providers';
import { redactError, redactOutcome } from './redact';
import { classifyAnswer, type ServerErrorFields } from './providers/common';
import type { HttpAnswer, Outcome, Parser, Provider } from './providers/types';

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
  /** answer: the service answered the keyed read-only request with an error (a wrong key, not the API…). */
  | { ok: false; stage: 'permission' | 'reachable' | 'answer'; error: KeeplinkError };

/** The read-only answer as the check sees it: any 2xx JSON is the API; the rest is the common status table. */
function judgeCheckAnswer(answer: HttpAnswer, errorSchema: Parser<ServerErrorFields>): ConnectionReport {
  const outcome = classifyAnswer(answer, {
    success: () => ({ kind: 'synced', result: {} }),
    errorSchema,
    // The read endpoint has no ids in it: a 404 there means the base URL does not lead to the API.
    notFound: 'api-not-found',
    gone: 'api-not-found',
  });
  return outcome.kind === 'synced' ? { ok: true, status: answer.status } : { ok: false, stage: 'answer', error: outcome.error };
}

/**
 * Settings are valid by construction (a stored Destination passed its schema). This checks the
 * permission, then the provider's read-only request with the key where its spec names one; otherwise
 * that the host answers HTTP at all: a GET of the base URL without the key, so the key goes nowhere.
 */
export async function checkConnection(destination: Destination, deps: CheckDeps): Promise<ConnectionReport> {
  if (!(await deps.hasPermission(destination.baseUrl))) {
    return { ok: false, stage: 'permission', error: keeplinkError('permission-missing') };
  }
  const provider = getProvider(destination.provider) as unknown as Provider;
  const keyed = provider.checkRequest?.(destination);
  if (keyed && !keyed.ok) return { ok: false, stage: 'answer', error: keyed.error };
  const request = keyed?.value ?? { method: 'GET' as const, url: destination.baseUrl, headers: { accept: 'application/json' }, body: undefined };
  const answer = await sendRequest(request, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    idempotencyKey: 'connection-check',
    allowedOrigin: originOf(destination.baseUrl),
  });
  if (!answer.ok) return { ok: false, stage: 'reachable', error: redactError(answer.error, destination.apiKey) };
  if (!keyed) return { ok: true, status: answer.value.status };
  const report = judgeCheckAnswer(answer.value, provider.errorSchema as Parser<ServerErrorFields>);
  return report.ok ? report : { ...report, error: redactError(report.error, destination.apiKey) };
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
  const outcome: Outcome = answer.ok ? (getProvider(destination.provider) as unknown as Provider).classify(answer.value, capture.value) : { kind: 'retry', error: answer.error };
  // What the page shows must be masked exactly as what the flush stores.
  return redactOutcome(outcome, destination.apiKey);
}
