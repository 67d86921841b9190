// The behaviour every provider shares: Retry-After, headers, URI escaping, and DESIGN.md's status table.
import { describe, expect, it } from 'vitest';
import { classifyAnswer, deliveredOutcome, RESULT_LIMITS } from '../../../lib/providers/answer';
import { apiUrl, isSafePathId, pageUri, requestHeaders } from '../../../lib/providers/common';
import type { AnswerSpec, DeliveryResult } from '../../../lib/providers/types';
import { z } from '../../../lib/zod';
import { jsonAnswer, makeCapture } from '../../contracts/fixtures';

describe('requestHeaders', () => {
  it('sends JSON headers and a Bearer key only when one is set', () => {
    expect(requestHeaders('k1')).toEqual({ 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer k1' });
    expect(requestHeaders('  ')).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
  });
});

describe('apiUrl', () => {
  it('joins the base URL (keeping its path prefix) with the path, each id encoded as one segment', () => {
    expect(apiUrl('https://api.example.com/api/v1/', '/public/workspace/{workspaceId}/links', { workspaceId: 'w 1%2e' })).toEqual({
      ok: true,
      value: 'https://api.example.com/api/v1/public/workspace/w%201%252e/links',
    });
  });

  it.each(['.', '..', '', 'a/b', 'a\\b', 'a?b', 'a#b', '\uD800'])('refuses the id %j, naming its field', (workspaceId) => {
    expect(apiUrl('https://api.example.com', '/public/workspace/{workspaceId}/links', { workspaceId })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'field-invalid', field: 'workspaceId', details: { issue: 'path-id' } }),
    });
    expect(isSafePathId(workspaceId)).toBe(false);
  });

  it('refuses a template id that was not given', () => {
    expect(apiUrl('https://api.example.com', '/links/{linkId}/actions').ok).toBe(false);
  });
});

describe('pageUri', () => {
  it('escapes what RFC 3986 forbids and keeps the address', () => {
    const uri = pageUri(makeCapture({ page: { url: 'https://example.com/a|b?q=[1]&p=%zz#x#y' } }));
    expect(uri).toBe('https://example.com/a%7Cb?q=%5B1%5D&p=%25zz#x%23y');
  });

  it('keeps existing escapes, query and fragment', () => {
    expect(pageUri(makeCapture({ page: { url: 'https://example.com/%E2%82%AC?x=1&y=2#top' } }))).toBe('https://example.com/%E2%82%AC?x=1&y=2#top');
  });
});

describe('classifyAnswer (common table)', () => {
  const rules: AnswerSpec<unknown> = {
    success: { schema: z.unknown(), read: () => ({ id: 'x' }), salvage: () => ({}) },
    error: { schema: z.object({ message: z.string() }) },
    notFound: 'workspace-not-found',
    gone: 'workspace-gone',
  };
  const classify = (status: number, body: unknown = { message: 'nope' }, headers: Record<string, string> = {}) =>
    classifyAnswer(jsonAnswer(status, body, headers), rules);

  it.each([
    [0, 'paused', 'redirect'],
    [301, 'paused', 'redirect'],
    [302, 'paused', 'redirect'],
    [400, 'failed', 'bad-request'],
    [401, 'paused', 'auth-invalid'],
    [403, 'paused', 'forbidden'],
    [404, 'paused', 'workspace-not-found'],
    [408, 'retry', 'timeout'],
    [410, 'paused', 'workspace-gone'],
    [418, 'failed', 'unexpected-status'],
    [422, 'failed', 'unprocessable'],
    [429, 'retry', 'rate-limited'],
    [500, 'retry', 'server-error'],
    [502, 'retry', 'server-error'],
    [503, 'retry', 'service-unavailable'],
    [599, 'retry', 'server-error'],
  ] as const)('%i → %s %s', (status, kind, code) => {
    const outcome = classify(status);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'synced') return;
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.retryable).toBe(kind === 'retry');
  });

  it('keeps the server message on a rejected capture', () => {
    const outcome = classify(422, { message: 'Invalid URL format' });
    expect(outcome).toMatchObject({ kind: 'failed', error: { status: 422, serverMessage: 'Invalid URL format' } });
  });

  it('honours Retry-After on 5xx, measured from the server Date', () => {
    const outcome = classify(500, {}, { 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT', date: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 30_000 });
    expect(classify(503, {}, { 'retry-after': '7' })).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect(classify(502)).not.toHaveProperty('retryAfterMs');
  });

  it('retries an HTML 2xx a few times before pausing', () => {
    const outcome = classifyAnswer({ status: 200, headers: { 'content-type': 'text/html' }, bodyText: '<html></html>' }, rules);
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' }, pauseAfterAttempts: 3 });
  });

  it('treats a 2xx body that is not JSON and not labelled JSON as not the API', () => {
    const outcome = classifyAnswer({ status: 200, headers: {}, bodyText: 'OK' }, rules);
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: 'not-api-response' } });
  });

  it('delivers a broken body labelled JSON with a warning (sending again would duplicate)', () => {
    const outcome = classifyAnswer({ status: 201, headers: { 'content-type': 'application/json' }, bodyText: '{"id": "abc' }, rules);
    expect(outcome).toEqual({ kind: 'synced', result: {}, warning: expect.objectContaining({ code: 'malformed-response' }) });
  });
});

describe('what is stored of an answer (deliveredOutcome caps)', () => {
  const any = z.unknown();
  const deliver = (result: DeliveryResult) => deliveredOutcome(any, {}, () => result, () => ({}));
  const tooLarge = expect.objectContaining({ code: 'response-too-large' });
  const link = (length: number) => `https://l.example/${'a'.repeat(length - 'https://l.example/'.length)}`;

  it('keeps values within the caps, with no warning', () => {
    const result = { id: 'i'.repeat(RESULT_LIMITS.id), link: link(RESULT_LIMITS.link), qrPng: 'QUJD', extra: { slug: 'abc' } };
    expect(deliver(result)).toEqual({ kind: 'synced', result });
  });

  it('drops an id over 200 characters instead of storing it cut, and says so', () => {
    expect(deliver({ id: 'i'.repeat(RESULT_LIMITS.id + 1), link: link(30) })).toEqual({ kind: 'synced', result: { link: link(30) }, warning: tooLarge });
  });

  it('drops a link over 2048 characters', () => {
    expect(deliver({ id: 'x', link: link(RESULT_LIMITS.link + 1) })).toEqual({ kind: 'synced', result: { id: 'x' }, warning: tooLarge });
  });

  it('drops a QR image over 256 KB, or one that is not base64', () => {
    expect(deliver({ id: 'x', qrPng: 'A'.repeat(RESULT_LIMITS.qrPng + 4) })).toEqual({ kind: 'synced', result: { id: 'x' }, warning: tooLarge });
    expect(deliver({ id: 'x', qrPng: 'QUJD"><script>' })).toEqual({ kind: 'synced', result: { id: 'x' }, warning: tooLarge });
  });

  it('keeps at most 10 short extra values', () => {
    const extra = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, 'v']));
    const outcome = deliver({ extra: { ...extra, long: 'v'.repeat(RESULT_LIMITS.extraValue + 1) } });
    expect(outcome).toMatchObject({ kind: 'synced', warning: tooLarge });
    expect(Object.keys((outcome as { result: DeliveryResult }).result.extra!)).toHaveLength(10);
  });

  it('caps the stored server code (and the message) of an error answer', () => {
    const rules: AnswerSpec<unknown> = {
      success: { schema: z.unknown(), read: () => ({}), salvage: () => ({}) },
      error: { schema: z.object({ message: z.string(), code: z.string() }) },
      notFound: 'not-found',
      gone: 'not-found',
    };
    const outcome = classifyAnswer(jsonAnswer(400, { code: 'C'.repeat(5000), message: 'M'.repeat(5000) }), rules);
    if (outcome.kind === 'synced') throw new Error('expected a failure');
    expect(outcome.error.serverCode).toHaveLength(RESULT_LIMITS.serverCode);
    expect(outcome.error.serverMessage!.length).toBeLessThanOrEqual(300);
  });
});
