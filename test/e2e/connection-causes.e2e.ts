// "Check connection" names each cause with its own sentence, against real servers on 127.0.0.1 in real Chromium:
// DNS (a name the launch flags make unresolvable), refused (a closed port), TLS (a self-signed certificate), https-only
// (a redirect to https, and plain http to the TLS port), wrong base path, proxy HTML, bad key, and a missing or revoked
// host permission, which brings the Grant permission button back.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_KEYS, sandboxBaseUrls } from '../sandbox/server';
import { startTlsServers, type TlsServers } from '../sandbox/tls-server';
import type { ChromeApi } from './harness/launch';
import { useExtension } from './support';

declare const chrome: ChromeApi;

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('options: Check connection names the cause', () => {
  const env = useExtension(['http://127.0.0.1/*', 'https://127.0.0.1/*', 'https://unresolvable.test/*']);
  let tls: TlsServers;
  let options: Page;
  let linkding: string;
  let refusedOrigin: string;

  beforeAll(async () => {
    tls = await startTlsServers();
    linkding = sandboxBaseUrls(env.servers.sandbox.url).linkding;
    refusedOrigin = `http://127.0.0.1:${await closedPort()}`;
    const entry = (name: string, baseUrl: string, apiKey = SANDBOX_KEYS.linkding) => ({ id: `d-${name}`, name, provider: 'linkding', baseUrl, apiKey, unread: false });
    const destinations = [
      entry('Fine', linkding),
      entry('Nowhere', 'https://unresolvable.test'),
      entry('Refused', refusedOrigin),
      entry('Self-signed', tls.httpsUrl),
      entry('Moved to https', tls.redirectUrl),
      entry('TLS port', tls.httpsUrl.replace('https:', 'http:')),
      entry('Extra path', `${linkding}/extra`),
      entry('Behind a portal', `${env.servers.sandbox.url}/captive-portal`),
      entry('Old key', linkding, 'f'.repeat(40)),
      entry('Not granted', linkding.replace('127.0.0.1', 'localhost')),
    ];
    await env.harness.evalInExtension(async (list) => void (await chrome.storage.local.set({ destinations: list })), destinations);
    options = await env.harness.openExtensionPage('options.html');
    await options.getByRole('listitem', { name: 'Not granted' }).waitFor();
  });
  afterAll(async () => tls?.close());

  async function check(name: string): Promise<string> {
    const item = options.getByRole('listitem', { name, exact: true });
    await item.getByRole('button', { name: 'Check connection' }).click();
    const result = item.locator('.check-result');
    await result.filter({ hasNotText: 'Checking' }).waitFor();
    return result.innerText();
  }

  it('a working destination is OK', async () => {
    expect(await check('Fine')).toContain('Connection OK');
  });

  it('DNS: a name that does not resolve is named, with what to do', async () => {
    expect(await check('Nowhere')).toBe(
      'unresolvable.test does not resolve: no name server knows it (DNS). Check the spelling of the base URL, or connect to the network or VPN where this name exists, then check again.',
    );
  });

  it('refused: nothing listening on the port', async () => {
    expect(await check('Refused')).toBe(`${refusedOrigin} refused the connection: nothing listens there. Check the port in the base URL and that the service is running, then check again.`);
  });

  it('TLS: a self-signed certificate', async () => {
    expect(await check('Self-signed')).toContain(`${tls.httpsUrl} has a certificate the browser does not trust (self-signed, expired or issued for another name).`);
  });

  it('HTTPS-only: a plain-http address that redirects to https, and plain http sent to the TLS port', async () => {
    const sentence = (origin: string) => `${origin} does not talk plain http: it only answers over https. Change the base URL to start with https:// and check again.`;
    expect(await check('Moved to https')).toBe(sentence(tls.redirectUrl));
    const tlsPortOverHttp = tls.httpsUrl.replace('https:', 'http:');
    expect(await check('TLS port')).toBe(sentence(tlsPortOverHttp));
  });

  it('wrong base path: the 404 names the URL tried', async () => {
    expect(await check('Extra path')).toBe(
      `${linkding}/extra/api/bookmarks/?limit=1 is not the API (HTTP 404): the base URL’s path is wrong. Fix the path of the API base URL (a missing prefix such as /api, or an extra part) and check again.`,
    );
  });

  it('proxy HTML: a login page where the API should answer', async () => {
    expect(await check('Behind a portal')).toContain('/captive-portal/api/bookmarks/?limit=1 answered with a web page (a login portal, proxy or single sign-on), not the API.');
  });

  it('bad key: the read-only endpoint refuses it', async () => {
    expect(await check('Old key')).toBe(
      `The API key is wrong: ${new URL(linkding).origin} refused it (HTTP 401). Paste the right key into this destination and check again.`,
    );
  });

  it('permission: an origin not granted, and one revoked, say so and offer Grant permission', async () => {
    const notGranted = options.getByRole('listitem', { name: 'Not granted', exact: true });
    expect(await check('Not granted')).toContain('Needs permission: Keeplink may not contact http://localhost:');
    expect(await notGranted.getByRole('button', { name: 'Grant permission' }).isVisible()).toBe(true);

    const fine = options.getByRole('listitem', { name: 'Fine', exact: true });
    expect(await fine.getByRole('button', { name: 'Grant permission' }).count()).toBe(0);
    await env.harness.evalInExtension(async () => void (await chrome.permissions.remove({ origins: ['http://127.0.0.1/*'] })));
    await fine.getByRole('button', { name: 'Grant permission' }).waitFor();
    expect(await check('Fine')).toContain(`Needs permission: Keeplink may not contact ${new URL(linkding).origin} yet.`);
  });
});
