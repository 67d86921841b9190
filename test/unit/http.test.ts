import { describe, expect, it, vi } from 'vitest';
import { parseRetryAfter, sendRequest, type FetchLike } from '../../lib/http';
import type { ProviderRequest } from '../../lib/providers/types';

const SECRET = 'sk-live-very-secret';

const request = (url = 'https://api.example.com/v1/links'): ProviderRequest => ({
  method: 'POST',
  url,
  headers: { Authorization: `Bearer ${SECRET}` },
  body: { url: 'https://page.example/', title: 'Ünïcode' },
});

const options = (fetch: FetchLike, extra: Partial<Parameters<typeof sendRequest>[1]> = {}) => ({
  fetch,
  timeoutMs: 1000,
  idempotencyKey: '00000000-0000-4000-8000-000000000001',
  allowedOrigin: 'https://api.example.com',
  ...extra,
});

describe('sendRequest', () => {
  it('sends JSON with the Idempotency-Key, no redirects, no cookies, and returns the whole answer', async () => {
    const fetch = vi.fn<FetchLike>(async () =>
      new Response('{"id":"k1"}', { status: 201, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r1' } }),
    );
    const result = await sendRequest(request(), options(fetch));
    expect(result).toEqual({
      ok: true,
      value: { status: 201, headers: { 'content-type': 'application/json', 'x-request-id': 'r1' }, bodyText: '{"id":"k1"}' },
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://api.example.com/v1/links');
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit' });
    expect(init.headers).toEqual({
      authorization: `Bearer ${SECRET}`,
      'idempotency-key': '00000000-0000-4000-8000-000000000001',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(init.body))).toEqual({ url: 'https://page.example/', title: 'Ünïcode' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('accepts a base URL with a path as the allowed origin', async () => {
    const fetch = vi.fn<FetchLike>(async () => new Response(null, { status: 204 }));
    const result = await sendRequest(request('https://api.example.com/api/v1/x'), options(fetch, { allowedOrigin: 'https://api.example.com/api/v1' }));
    expect(result.ok).toBe(true);
  });

  it('refuses to send a key to another origin', async () => {
    const fetch = vi.fn<FetchLike>();
    for (const url of ['https://evil.example/v1/links', 'https://api.example.com:8443/v1/links', 'https://sub.api.example.com/x']) {
      const result = await sendRequest(request(url), options(fetch));
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'cross-origin', retryable: false }) });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses clear-text http except on loopback', async () => {
    const fetch = vi.fn<FetchLike>(async () => new Response('{}', { status: 200 }));
    const insecure = await sendRequest(request('http://api.example.com/v1/links'), options(fetch, { allowedOrigin: 'http://api.example.com' }));
    expect(insecure).toEqual({ ok: false, error: expect.objectContaining({ code: 'insecure-base-url' }) });
    expect(fetch).not.toHaveBeenCalled();
    for (const origin of ['http://127.0.0.1:8787', 'http://localhost:8787']) {
      const local = await sendRequest(request(`${origin}/v1/links`), options(fetch, { allowedOrigin: origin }));
      expect(local.ok).toBe(true);
    }
  });

  it('reports a redirect as status 0 and never follows it', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as Response;
    const fetch = vi.fn<FetchLike>(async () => opaque);
    expect(await sendRequest(request(), options(fetch))).toEqual({ ok: true, value: { status: 0, headers: {}, bodyText: '' } });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('times out a request that hangs, as a retryable timeout', async () => {
    vi.useFakeTimers();
    try {
      const fetch: FetchLike = (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      const pending = sendRequest(request(), options(fetch, { timeoutMs: 25_000 }));
      await vi.advanceTimersByTimeAsync(24_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toEqual({ ok: false, error: expect.objectContaining({ code: 'timeout', retryable: true }) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('times out a body that never finishes, too', async () => {
    vi.useFakeTimers();
    try {
      const fetch: FetchLike = async (_url, init) =>
        ({
          type: 'basic',
          status: 200,
          headers: new Headers(),
          text: () =>
            new Promise<string>((_resolve, reject) => {
              init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            }),
        }) as Response;
      const pending = sendRequest(request(), options(fetch, { timeoutMs: 100 }));
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toEqual({ ok: false, error: expect.objectContaining({ code: 'timeout' }) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a network failure into a retryable network error that carries no secret', async () => {
    const fetch = vi.fn<FetchLike>(async () => {
      throw new TypeError(`Failed to fetch with Bearer ${SECRET}`);
    });
    const result = await sendRequest(request(), options(fetch));
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'network', retryable: true }) });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 21, 12, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as now', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:02:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('Saturday, 21-Nov-26 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', 'Sat, 99 Foo 2026']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
