// Two servers for "Check connection"'s TLS causes, on 127.0.0.1 only: an https server with a self-signed certificate
// (tls/cert.pem, made once with openssl for IP 127.0.0.1; no browser trusts it), and a plain-http server that sends
// every request to that https server, as a site that only talks https does.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { listenOnLoopback } from './http';

const TLS_DIR = join(import.meta.dirname, 'tls');

export interface TlsServers {
  /** https://127.0.0.1:PORT, the self-signed server. */
  httpsUrl: string;
  /** http://127.0.0.1:PORT, which answers every request with a 301 to the same path on httpsUrl. */
  redirectUrl: string;
  close(): Promise<void>;
}

export async function startTlsServers(): Promise<TlsServers> {
  const tls = createHttpsServer({ key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const tlsPort = await listenOnLoopback(tls);
  const httpsUrl = `https://127.0.0.1:${tlsPort}`;
  const redirect = createHttpServer((req, res) => res.writeHead(301, { location: `${httpsUrl}${req.url ?? '/'}` }).end());
  const redirectUrl = `http://127.0.0.1:${await listenOnLoopback(redirect)}`;
  const closeOne = (server: { close(done: () => void): unknown; closeAllConnections(): void }) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { httpsUrl, redirectUrl, close: async () => void (await Promise.all([closeOne(tls), closeOne(redirect)])) };
}
