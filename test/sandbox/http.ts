// Small node:http helpers: bounded body reading, JSON/HTML replies, delivery tracking, delays.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface Reply {
  status: number;
  /** JSON, or the text itself when `contentType` is set (Karakeep's plain-text errors, linkding's HTML 500). */
  body: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

const MAX_BODY_BYTES = 1_048_576;

export class BodyTooLargeError extends Error {}

/** Reads the whole body as UTF-8, refusing more than 1 MiB so a runaway client cannot exhaust memory. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'invalid JSON' };
  }
}

export function sendJson(res: ServerResponse, reply: Reply): void {
  if (reply.contentType !== undefined) {
    sendText(res, reply.status, reply.contentType, String(reply.body), reply.headers);
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(text);
}

/** A network error as the client sees it: the connection closes with no response at all. */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  res.destroy();
  req.socket.destroy();
}

/** Calls back once: true when the response was written in full, false when the socket closed first (or had already). */
export function onDelivery(res: ServerResponse, done: (delivered: boolean) => void): void {
  let settled = false;
  const settle = (delivered: boolean): void => {
    if (settled) return;
    settled = true;
    done(delivered);
  };
  res.once('finish', () => settle(true));
  res.once('close', () => settle(res.writableFinished));
  // Registered after the client went away (a request parked by a hold): 'close' has already fired.
  if (res.destroyed) settle(res.writableFinished);
}

/** Resolves after `ms`, or rejects as soon as the signal aborts (the sandbox is closing). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('sandbox closing'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('sandbox closing'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Listens on 127.0.0.1 only (port 0 = any free one) and resolves with the port it got. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
