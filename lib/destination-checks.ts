// Owns the options page's checks of a saved destination: "Check connection" (creates nothing) and "Send test link" (creates one).
import { buildCapture } from './capture';
import { answerCause, redirectsToHttps, transportCause, type CheckCause, type SeenRequest } from './connection-causes';
import { originOf } from './origin';
import { keeplinkError, type KeeplinkError } from './errors';
import { sendRequest, type FetchLike } from './http';
import { withProvider, type Destination } from './providers';
import { redactError, redactOutcome } from './redact';
import { classifyAnswer } from './providers/answer';
import type { TokenSessions } from './providers/token-session';
import type { AnswerSpec, DestinationCommon, HttpAnswer, Outcome, Provider, ProviderRequest } from './providers/types';
import { z } from './zod';

export interface CheckDeps {
  /** Whether Keeplink may reach this base URL's origin. */
  hasPermission(baseUrl: string): Promise<boolean>;
  fetch: FetchLike;
  timeoutMs: number;
  uuid?: () => string;
  now?: () => number;
  /** OAuth tokens for providers with `auth` (wallabag): the check and the test link go with the access token. */
  tokens?: TokenSessions;
  /**
   * Watches the check's own request in the browser's network layer (fetch only says "TypeError" and hides redirects):
   * settles once the watch is in place, so await it before sending; `seen()` settles once the browser reported the
   * request's end.
   */
  watchRequest?(url: string): Promise<RequestWatch>;
}

export interface RequestWatch {
  seen(): Promise<SeenRequest>;
  stop(): void;
}

export type ConnectionReport =
  | { ok: true; status: number }
  /**
   * answer: the service answered the credentialed read-only request with an error (a wrong key, not the API…).
   * url: the request tried, so a wrong base path can be named.
   */
  | { ok: false; stage: 'permission' | 'reachable' | 'answer'; cause: CheckCause; url: string; error: KeeplinkError };

/** The read-only answer as the check sees it: any 2xx JSON is the API; the rest is the common status table. */
function judgeCheckAnswer(answer: HttpAnswer, error: AnswerSpec<unknown>['error']): { ok: true; status: number } | { ok: false; error: KeeplinkError } {
  const outcome = classifyAnswer(answer, {
    success: { schema: z.unknown(), read: () => ({}), salvage: () => ({}) },
    error,
    // The read endpoint has no ids in it: a 404 there means the base URL does not lead to the API.
    notFound: 'api-not-found',
    gone: 'api-not-found',
  });
  return outcome.kind === 'synced' ? { ok: true, status: answer.status } : { ok: false, error: outcome.error };
}

/** The request as sent: through the token session when the provider signs in with OAuth. */
function sender<D extends DestinationCommon>(provider: Provider<D>, destination: D, deps: CheckDeps, idempotencyKey: string) {
  const send = (request: ProviderRequest) =>
    sendRequest(request, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, idempotencyKey, allowedOrigin: originOf(destination.baseUrl) });
  return (request: ProviderRequest) => (provider.auth && deps.tokens ? deps.tokens.send(provider.auth, destination, request, send) : send(request));
}

/**
 * Settings are valid by construction (a stored Destination passed its schema). This checks the
 * permission, then the provider's read-only request where its spec names one (with the key or token, so a wrong
 * one shows); otherwise that the host answers HTTP at all: a GET of the base URL without the key, so the key goes nowhere.
 */
export async function checkConnection(destination: Destination, deps: CheckDeps): Promise<ConnectionReport> {
  if (!(await deps.hasPermission(destination.baseUrl))) {
    return { ok: false, stage: 'permission', cause: 'permission', url: destination.baseUrl, error: keeplinkError('permission-missing') };
  }
  return withProvider(destination, (provider, own) => checkWith(provider, own, deps));
}

async function checkWith<D extends DestinationCommon>(provider: Provider<D>, destination: D, deps: CheckDeps): Promise<ConnectionReport> {
  const keyed = provider.checkRequest?.(destination);
  if (keyed && !keyed.ok) return { ok: false, stage: 'answer', cause: 'rejected', url: destination.baseUrl, error: keyed.error };
  const request: ProviderRequest = keyed?.value ?? { method: 'GET', url: destination.baseUrl, headers: { accept: 'application/json' }, body: undefined };
  const watch = await deps.watchRequest?.(request.url);
  try {
    const answer = await sender(provider, destination, deps, 'connection-check')(request);
    const seen = async (): Promise<SeenRequest> => (watch ? watch.seen() : {});
    const failed = async (stage: 'reachable' | 'answer', error: KeeplinkError): Promise<ConnectionReport> => {
      const details = await seen();
      const cause = stage === 'reachable' ? transportCause(request.url, error.code, details) : answerCause(request.url, error.code, details);
      return { ok: false, stage, cause, url: request.url, error: redactError(error, destination.apiKey) };
    };
    // Each return awaits: the finally stops the watch, and failed() still has to read it.
    if (!answer.ok) return await failed(answer.error.code === 'auth-signin-required' ? 'answer' : 'reachable', answer.error);
    const { status } = answer.value;
    // A check that sends credentials must be accepted; a plain probe (no key, e.g. a webhook's HEAD) only needs an answer.
    if (provider.auth) {
      if (status >= 200 && status < 300) return { ok: true, status };
      const outcome = provider.classify(answer.value);
      return await failed('answer', outcome.kind === 'synced' ? keeplinkError('unexpected-status', { status }) : outcome.error);
    }
    if (!keyed || request.headers.authorization === undefined) {
      // Any answer proves the host is there, except a plain-http one that only sends the user to https.
      const redirected = (status === 0 || (status >= 300 && status < 400)) && redirectsToHttps(request.url, await seen());
      return redirected ? await failed('answer', keeplinkError('redirect', { status })) : { ok: true, status };
    }
    const report = judgeCheckAnswer(answer.value, provider.error);
    return report.ok ? report : await failed('answer', report.error);
  } finally {
    watch?.stop();
  }
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
  const test = capture.value;
  const outcome = await withProvider(destination, async (provider, own): Promise<Outcome> => {
    const request = provider.buildRequest(test, own);
    if (!request.ok) return { kind: 'failed', error: request.error };
    const answer = await sender(provider, own, deps, test.id)(request.value);
    if (answer.ok) return provider.classify(answer.value, test);
    return { kind: answer.error.code === 'auth-signin-required' ? 'paused' : 'retry', error: answer.error };
  });
  // What the page shows must be masked exactly as what the flush stores.
  return redactOutcome(outcome, destination.apiKey);
}
