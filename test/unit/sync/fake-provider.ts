// A tiny provider and server for the sync tests: answers are scripted per request.
import { destinationBaseShape } from '../../../lib/destination';
import { joinUrl } from '../../../lib/origin';
import { fail, keeplinkError, ok } from '../../../lib/errors';
import type { FetchLike } from '../../../lib/http';
import { errorOutcome } from '../../../lib/providers/answer';
import type { HttpAnswer, Outcome, Provider } from '../../../lib/providers/types';
import { z } from '../../../lib/zod';

export const fakeDestinationSchema = z.object({ ...destinationBaseShape, provider: z.literal('sharely') });
export type FakeDestination = z.infer<typeof fakeDestinationSchema>;

export function fakeDestination(id: string, overrides: Partial<FakeDestination> = {}): FakeDestination {
  return { id, name: `Destination ${id}`, baseUrl: `https://${id}.example`, apiKey: `key-${id}`, provider: 'sharely', ...overrides };
}

/** Titles that make buildRequest misbehave on purpose. */
export const REJECT_LOCALLY = 'reject-locally';
export const OTHER_ORIGIN = 'other-origin';

function classify(answer: HttpAnswer): Outcome {
  const retryAfter = answer.headers['x-test-retry-after-ms'];
  if (answer.status >= 200 && answer.status < 300) {
    try {
      return { kind: 'synced', result: { id: String((JSON.parse(answer.bodyText) as { id: unknown }).id) } };
    } catch {
      return { kind: 'retry', error: keeplinkError('not-api-response', { status: answer.status }), pauseAfterAttempts: 3 };
    }
  }
  if (answer.status === 400) {
    const message = (JSON.parse(answer.bodyText || '{}') as { message?: string }).message;
    return { kind: 'failed', error: keeplinkError('bad-request', { status: 400, ...(message ? { serverMessage: message } : {}) }) };
  }
  if (answer.status === 401) return { kind: 'paused', error: keeplinkError('auth-invalid', { status: 401 }) };
  if (answer.status === 429 || answer.status >= 500) {
    // The shared rules parse Retry-After and mark a 429 as "slow down"; the test header stands for a provider's own parse.
    const outcome = errorOutcome('retry', answer.status === 429 ? 'rate-limited' : 'server-error', answer);
    return retryAfter && outcome.kind === 'retry' ? { ...outcome, retryAfterMs: Number(retryAfter) } : outcome;
  }
  return { kind: 'failed', error: keeplinkError('unexpected-status', { status: answer.status }) };
}

export const fakeProvider: Provider<FakeDestination> = {
  id: 'sharely',
  apiKeyRequired: true,
  settingsSchema: fakeDestinationSchema,
  fields: [],
  buildRequest(capture, destination) {
    if (capture.page.title === REJECT_LOCALLY) return fail(keeplinkError('field-too-long', { field: 'title' }));
    const base = capture.page.title === OTHER_ORIGIN ? 'https://elsewhere.example' : destination.baseUrl;
    return ok({
      method: 'POST',
      url: joinUrl(base, '/links'),
      headers: { authorization: `Bearer ${destination.apiKey}` },
      body: { url: capture.page.url, title: capture.page.title },
    });
  },
  // Read by nothing here: the scripted classify below stands for a provider's answer rules.
  success: { schema: z.unknown(), read: () => ({}), salvage: () => ({}) },
  error: { schema: z.object({ message: z.string() }) },
  classify,
};

export interface SentRequest {
  host: string;
  idempotencyKey: string;
  body: { url: string; title: string };
}

export type Handler = (request: SentRequest, index: number) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A fetch that records every request and answers through `handler` (default: 201 with an id). */
export function fakeServer(handler: Handler = (request) => json(201, { id: `id-${request.idempotencyKey}` })) {
  const requests: SentRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const fetch: FetchLike = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    const request: SentRequest = {
      host: new URL(url).host,
      idempotencyKey: headers['idempotency-key'] ?? '',
      body: JSON.parse(String(init.body)) as SentRequest['body'],
    };
    requests.push(request);
    const now = (inFlight.get(request.host) ?? 0) + 1;
    inFlight.set(request.host, now);
    maxInFlight.set(request.host, Math.max(now, maxInFlight.get(request.host) ?? 0));
    try {
      return await handler(request, requests.length - 1);
    } finally {
      inFlight.set(request.host, (inFlight.get(request.host) ?? 1) - 1);
    }
  };
  return { fetch, requests, maxInFlight };
}

/** One macrotask: by then every pending microtask has run. */
export const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
