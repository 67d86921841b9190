// "Check connection" names the cause: the browsers' network error strings (table, both browsers), and what the check
// reports for each failure, with the request watch faked as webRequest would report it.
import { describe, expect, it } from 'vitest';
import { answerCause, netCauseOf, transportCause, type NetCause } from '../../lib/connection-causes';
import { checkConnection, type CheckDeps, type RequestWatch } from '../../lib/destination-checks';
import type { FetchLike } from '../../lib/http';
import type { SeenRequest } from '../../lib/connection-causes';
import { destinations } from '../contracts/fixtures';

describe('netCauseOf: Chrome and Firefox error strings', () => {
  const table: ReadonlyArray<readonly [string, NetCause | undefined]> = [
    // Chrome (webRequest.onErrorOccurred `error`)
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'dns'],
    ['net::ERR_DNS_TIMED_OUT', 'dns'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['net::ERR_ADDRESS_UNREACHABLE', 'refused'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_CERT_DATE_INVALID', 'tls'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls'],
    ['net::ERR_EMPTY_RESPONSE', 'closed'],
    ['net::ERR_INVALID_HTTP_RESPONSE', 'closed'],
    ['net::ERR_CONNECTION_RESET', 'closed'],
    ['net::ERR_CONNECTION_CLOSED', 'closed'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_FAILED', 'blocked'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked'],
    ['net::ERR_ABORTED', undefined],
    // Firefox
    ['NS_ERROR_UNKNOWN_HOST', 'dns'],
    ['NS_ERROR_CONNECTION_REFUSED', 'refused'],
    ['NS_ERROR_NET_TIMEOUT', 'timeout'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'tls'],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'tls'],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'tls'],
    ['SSL_ERROR_RX_RECORD_TOO_LONG', 'tls'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'tls'],
    ['NS_ERROR_NET_RESET', 'closed'],
    ['NS_ERROR_NET_INTERRUPT', 'closed'],
    ['NS_ERROR_OFFLINE', 'offline'],
    ['NS_ERROR_DOM_BAD_URI', 'blocked'],
    ['NS_BINDING_ABORTED', undefined],
    ['', undefined],
  ];
  it.each(table)('%s → %s', (error, cause) => {
    expect(netCauseOf(error)).toBe(cause);
  });
});

describe('transportCause and answerCause', () => {
  it('a connection closed on plain http is https-only, on https it stays unnamed', () => {
    expect(transportCause('http://127.0.0.1:8443/api', 'network', { error: 'net::ERR_EMPTY_RESPONSE' })).toBe('https-only');
    expect(transportCause('http://127.0.0.1:8443/api', 'network', { error: 'NS_ERROR_NET_RESET' })).toBe('https-only');
    expect(transportCause('https://links.example.org/api', 'network', { error: 'net::ERR_CONNECTION_RESET' })).toBe('unreachable');
  });

  it('our own timeout is a timeout whatever the browser reports (it aborted the request)', () => {
    expect(transportCause('https://links.example.org/api', 'timeout', { error: 'net::ERR_ABORTED' })).toBe('timeout');
  });

  it('no report from the browser leaves the cause unnamed rather than guessed', () => {
    expect(transportCause('https://links.example.org/api', 'network', {})).toBe('unreachable');
  });

  it('a redirect is https-only only when plain http is sent to https', () => {
    expect(answerCause('http://127.0.0.1:8080/api', 'redirect', { location: 'https://127.0.0.1:8443/api' })).toBe('https-only');
    expect(answerCause('http://127.0.0.1:8080/api', 'redirect', { location: '/login' })).toBe('redirect');
    expect(answerCause('https://links.example.org/api', 'redirect', { location: 'https://sso.example.org/' })).toBe('redirect');
    expect(answerCause('http://127.0.0.1:8080/api', 'redirect', {})).toBe('redirect');
  });
});

interface Scripted {
  answer?: () => Response;
  seen?: SeenRequest;
}

function deps(script: Scripted) {
  const watched: string[] = [];
  let stopped = 0;
  const fetch: FetchLike = async () => {
    if (!script.answer) throw new TypeError('Failed to fetch');
    return script.answer();
  };
  const watchRequest = async (url: string): Promise<RequestWatch> => {
    watched.push(url);
    return { seen: async () => script.seen ?? {}, stop: () => void (stopped += 1) };
  };
  const checkDeps: CheckDeps = { hasPermission: async () => true, fetch, timeoutMs: 5_000, watchRequest };
  return { checkDeps, watched, stopped: () => stopped };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const linkding = destinations.linkding;
const checkUrl = 'https://links.example.org/api/bookmarks/?limit=1';

describe('checkConnection names the cause', () => {
  it.each([
    ['dns', 'net::ERR_NAME_NOT_RESOLVED'],
    ['refused', 'NS_ERROR_CONNECTION_REFUSED'],
    ['tls', 'net::ERR_CERT_AUTHORITY_INVALID'],
    ['tls', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'],
    ['blocked', 'net::ERR_FAILED'],
  ] as const)('%s from the browser report %s, for the check’s own URL, and the watch is stopped', async (cause, error) => {
    const { checkDeps, watched, stopped } = deps({ seen: { error } });
    expect(await checkConnection(linkding, checkDeps)).toMatchObject({ ok: false, stage: 'reachable', cause, url: checkUrl, error: { code: 'network' } });
    expect(watched).toEqual([checkUrl]);
    expect(stopped()).toBe(1);
  });

  it('sends the request only once the watch is in place (a listener added after the request starts misses it)', async () => {
    let place: (watch: RequestWatch) => void = () => undefined;
    const placed = new Promise<RequestWatch>((resolve) => (place = resolve));
    let sent = 0;
    const report = checkConnection(linkding, {
      hasPermission: async () => true,
      fetch: async () => {
        sent += 1;
        throw new TypeError('Failed to fetch');
      },
      timeoutMs: 5_000,
      watchRequest: () => placed,
    });
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    expect(sent).toBe(0);
    place({ seen: async () => ({ error: 'net::ERR_CERT_AUTHORITY_INVALID' }), stop: () => undefined });
    expect(await report).toMatchObject({ cause: 'tls' });
    expect(sent).toBe(1);
  });

  it('keeps the watch until the browser reported the request (the report can come after fetch failed)', async () => {
    let report: (seen: SeenRequest) => void = () => undefined;
    const reported = new Promise<SeenRequest>((resolve) => (report = resolve));
    let stoppedBeforeReport = false;
    let settled = false;
    const watch: RequestWatch = { seen: () => reported.finally(() => (settled = true)), stop: () => void (stoppedBeforeReport ||= !settled) };
    const result = checkConnection(linkding, {
      hasPermission: async () => true,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      timeoutMs: 5_000,
      watchRequest: async () => watch,
    });
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    report({ error: 'net::ERR_CONNECTION_REFUSED' });
    expect(await result).toMatchObject({ cause: 'refused' });
    expect(stoppedBeforeReport).toBe(false);
  });

  it('https-only: plain http to a loopback server that redirects to https', async () => {
    const destination = { ...linkding, baseUrl: 'http://127.0.0.1:8080' };
    const { checkDeps } = deps({ answer: () => new Response(null, { status: 301, headers: { location: 'https://127.0.0.1:8443/api/bookmarks/?limit=1' } }), seen: { location: 'https://127.0.0.1:8443/api/bookmarks/?limit=1' } });
    expect(await checkConnection(destination, checkDeps)).toMatchObject({ ok: false, stage: 'answer', cause: 'https-only' });
  });

  it('https-only: a keyless probe (webhook) that is only sent on to https is not "Connection OK"; another redirect is an answer', async () => {
    const webhook = { ...destinations.webhook, baseUrl: 'http://127.0.0.1:8080/hooks/1' };
    const toHttps = deps({ answer: () => new Response(null, { status: 301 }), seen: { location: 'https://127.0.0.1:8443/' } });
    expect(await checkConnection(webhook, toHttps.checkDeps)).toMatchObject({ ok: false, cause: 'https-only', url: 'http://127.0.0.1:8080/' });
    const elsewhere = deps({ answer: () => new Response(null, { status: 302 }), seen: { location: 'http://127.0.0.1:8080/login' } });
    expect(await checkConnection(webhook, elsewhere.checkDeps)).toEqual({ ok: true, status: 302 });
  });

  it('wrong base path: a 404 on the API path names the URL tried', async () => {
    const { checkDeps } = deps({ answer: json(404, { detail: 'Not found.' }) });
    expect(await checkConnection(linkding, checkDeps)).toMatchObject({ ok: false, stage: 'answer', cause: 'base-path', url: checkUrl, error: { status: 404 } });
  });

  it('proxy HTML: a login page where JSON was expected', async () => {
    const { checkDeps } = deps({ answer: () => new Response('<!doctype html><title>Sign in</title>', { status: 200, headers: { 'content-type': 'text/html' } }) });
    expect(await checkConnection(linkding, checkDeps)).toMatchObject({ ok: false, cause: 'proxy-html', url: checkUrl });
  });

  it.each([401, 403])('bad key: %i from the read-only endpoint', async (status) => {
    const { checkDeps } = deps({ answer: json(status, { detail: 'Invalid token.' }) });
    expect(await checkConnection(linkding, checkDeps)).toMatchObject({ ok: false, stage: 'answer', cause: 'bad-key', error: { status } });
  });

  it('permission: nothing is sent and nothing watched', async () => {
    const { checkDeps, watched } = deps({ answer: json(200, {}) });
    expect(await checkConnection(linkding, { ...checkDeps, hasPermission: async () => false })).toMatchObject({ ok: false, stage: 'permission', cause: 'permission' });
    expect(watched).toEqual([]);
  });

  it('a server error is still "rejected", with the common reason', async () => {
    const { checkDeps } = deps({ answer: json(500, {}) });
    expect(await checkConnection(linkding, checkDeps)).toMatchObject({ ok: false, cause: 'rejected', error: { code: 'server-error' } });
  });
});
