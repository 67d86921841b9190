// The sandbox workspace server: the five destination APIs plus the /__sandbox control API, on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { handleCreate, type HandlerContext } from './api-handler';
import { CONTROL_PREFIX, handleControl } from './control';
import { CAPTIVE_PORTAL_HTML, CAPTIVE_PORTAL_PATH } from './fault-replies';
import { dropConnection, headerRecord, listenOnLoopback, readBody, sendJson, sendText } from './http';
import { findApi } from './providers';
import { handlePublicLink } from './public-links';
import { SandboxState } from './state';

export { SANDBOX_IDS, SANDBOX_KEYS, SANDBOX_PROVIDERS, sandboxBaseUrls } from './ids';
export type { SandboxState } from './state';

export interface SandboxOptions {
  /** 0 or omitted: an ephemeral port. */
  port?: number;
  /** Seeds generated ids; omitted: a random seed. */
  seed?: number;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

async function route(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.origin);
  const { pathname } = url;
  if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    await handleControl(ctx.state, req, res, url);
    return;
  }
  if (req.method === 'GET' && handlePublicLink(ctx.state, pathname, res)) return;
  // Also under it, so a base URL behind the portal gets the page on every API path, as a login proxy answers.
  if (pathname === CAPTIVE_PORTAL_PATH || pathname.startsWith(`${CAPTIVE_PORTAL_PATH}/`)) {
    sendText(res, 200, 'text/html; charset=utf-8', CAPTIVE_PORTAL_HTML);
    return;
  }
  const found = findApi(pathname);
  if (!found) {
    sendJson(res, { status: 404, body: { error: 'not-found', path: pathname } });
    return;
  }
  const { api, rest } = found;
  const match = api.route.exec(rest);
  if (match && (api.methods ?? ['POST']).includes(req.method ?? '')) {
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
    await handleCreate(ctx, { api, params, path: pathname, req, res });
    return;
  }
  if (!match && api.serve) {
    const reply = await api.serve({ state: ctx.state, method: req.method ?? 'GET', rest, bodyText: await readBody(req), headers: headerRecord(req) });
    if (reply) {
      sendJson(res, reply);
      return;
    }
  }
  // Only the create endpoints are recorded; other paths answer like the API would, or not at all when it is down.
  if (ctx.state.faults.isDown(api.provider)) {
    dropConnection(req, res);
    return;
  }
  const other = api.other?.({
    method: req.method ?? 'GET',
    rest,
    query: url.searchParams,
    auth: ctx.state.checkAuth(api.provider, req.headers.authorization, api.authSchemes),
    origin: ctx.origin,
    stored: ctx.state.storeOf(api.provider),
  });
  if (other) {
    sendJson(res, { ...other, headers: { ...api.headers, ...other.headers } });
    return;
  }
  const status = match ? 405 : 404;
  sendJson(res, { ...api.error({ status }, pathname), headers: { ...api.headers, ...(match ? { allow: (api.methods ?? ['POST']).join(', ') } : {}) } });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const closing = new AbortController();
  const ctx: HandlerContext = { state, origin: '', closing: closing.signal };
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      if (!res.headersSent) sendJson(res, { status: 500, body: { error: 'sandbox-error' } });
      else res.destroy();
    });
  });
  const port = await listenOnLoopback(server, options.port);
  ctx.origin = `http://127.0.0.1:${port}`;
  return {
    url: ctx.origin,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        state.hold.release();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
