// Runs one create request: record it, apply a fault, then auth, contract, target checks and creation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkRequestBody, notJsonError } from './contract';
import { CAPTIVE_PORTAL_HTML, MALFORMED_JSON, redirectLocation } from './fault-replies';
import type { Fault } from './faults';
import { BodyTooLargeError, delay, dropConnection, headerRecord, onDelivery, parseJson, readBody, sendJson, sendText, type Reply } from './http';
import type { ApiCall, SandboxApi } from './providers/types';
import type { BodyError, RequestRecord } from './records';
import type { SandboxState } from './state';

export interface HandlerContext {
  state: SandboxState;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Aborts when the sandbox closes, ending any slow answer still waiting. */
  closing: AbortSignal;
}

interface Incoming {
  api: SandboxApi;
  params: Record<string, string>;
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
}

type BodyCheck = { valid: true; value: unknown } | { valid: false; value: unknown; errors: BodyError[] };

function checkBody(api: SandboxApi, text: string): BodyCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, value: text, errors: [notJsonError(parsed.message)] };
  const check = checkRequestBody(api.provider, parsed.value);
  return check.valid ? { valid: true, value: parsed.value } : { valid: false, value: parsed.value, errors: check.errors };
}

function withRetryAfter(reply: Reply, fault: Fault): Reply {
  return fault.retryAfter === undefined ? reply : { ...reply, headers: { ...reply.headers, 'retry-after': fault.retryAfter } };
}

export async function handleCreate(ctx: HandlerContext, { api, params, path, req, res }: Incoming): Promise<void> {
  const { state } = ctx;
  const generation = state.generation;
  const headers = headerRecord(req);
  const idempotencyKey = headers['idempotency-key'];
  const inFlight = { idempotencyKey };
  state.inFlight.add(inFlight);
  res.once('close', () => state.inFlight.delete(inFlight));
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(res, api.error({ status: 413, message: error.message }, path));
    return;
  }
  // A hold that is reached parks this arrival unrecorded, so "N requests seen" stays exactly N.
  const parked = state.hold.arrival(state.requests.length);
  if (parked) {
    await parked;
    if (generation !== state.generation) {
      dropConnection(req, res);
      return;
    }
  }
  const body = checkBody(api, text);
  // A secret header stands for the Bearer token where the API names one.
  const presented = api.authHeader ? headers[api.authHeader] : headers.authorization;
  const auth = api.authorize
    ? api.authorize(state, headers)
    : state.checkAuth(api.provider, api.authHeader && presented !== undefined ? `Bearer ${presented}` : presented, api.authSchemes);
  const record: RequestRecord = {
    seq: state.nextSeq(),
    provider: api.provider,
    method: req.method ?? 'POST',
    path,
    headers,
    body: body.value,
    valid: body.valid,
    ...(body.valid ? {} : { errors: body.errors }),
    authOk: auth.ok,
    status: null,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    delivery: 'pending',
    receivedAt: new Date().toISOString(),
  };
  state.requests.push(record);
  onDelivery(res, (delivered) => {
    record.delivery = delivered ? 'acknowledged' : 'unacknowledged';
  });

  // While a hold is reached, no answer is written: a test can stop the client with every request still open.
  const mayAnswer = async (): Promise<boolean> => {
    const held = state.hold.answer(state.requests.length);
    if (held) await held;
    if (generation === state.generation) return true;
    dropConnection(req, res);
    return false;
  };
  const send = async (reply: Reply): Promise<void> => {
    if (!(await mayAnswer())) return;
    record.status = reply.status;
    sendJson(res, { ...reply, headers: { ...api.headers, ...reply.headers } });
  };
  const sendRaw = async (status: number, contentType: string, content: string, extra: Record<string, string> = {}): Promise<void> => {
    if (!(await mayAnswer())) return;
    record.status = status;
    sendText(res, status, contentType, content, { ...api.headers, ...extra });
  };

  const fault = state.faults.take(api.provider);
  if (fault) record.fault = fault.mode;
  switch (fault?.mode) {
    case 'down':
      dropConnection(req, res);
      return;
    case '500':
    case '503':
      await send(withRetryAfter(api.error({ status: Number(fault.mode) }, path), fault));
      return;
    case '429':
      await send(withRetryAfter(api.error({ status: 429 }, path), fault));
      return;
    case 'status': {
      const status = fault.status ?? (fault.code === undefined ? undefined : api.statusForCode?.(fault.code)) ?? 400;
      const message = fault.message === undefined ? undefined : echoPresentedKey(fault.message, headers.authorization);
      await send(withRetryAfter(api.error({ status, ...(fault.code ? { code: fault.code } : {}), ...(message ? { message } : {}) }, path), fault));
      return;
    }
    case 'html':
      await sendRaw(200, 'text/html; charset=utf-8', CAPTIVE_PORTAL_HTML);
      return;
    case 'malformed':
      await sendRaw(api.successStatus, 'application/json; charset=utf-8', MALFORMED_JSON);
      return;
    case 'redirect':
      await sendRaw(302, 'text/html; charset=utf-8', CAPTIVE_PORTAL_HTML, { location: redirectLocation(ctx.origin) });
      return;
    case 'success-false':
      if (api.successFalse) {
        await send(api.successFalse());
        return;
      }
      break;
    case 'slow': {
      try {
        await delay(fault.delayMs, ctx.closing);
      } catch {
        dropConnection(req, res);
        return;
      }
      // A reset during the delay started a new run: this request belongs to the old one.
      if (generation !== state.generation) {
        dropConnection(req, res);
        return;
      }
      break;
    }
    default:
      break;
  }

  const reply = await answer(ctx, { api, params, path }, record, body, auth);
  if (record.createdId !== undefined && fault?.mode === 'drop-after-commit') {
    dropConnection(req, res);
    return;
  }
  await send(reply);
}

/** The API's normal answer; creates the item when everything checks out. */
async function answer(
  ctx: HandlerContext,
  { api, params, path }: Pick<Incoming, 'api' | 'params' | 'path'>,
  record: RequestRecord,
  body: BodyCheck,
  auth: ReturnType<SandboxState['checkAuth']>,
): Promise<Reply> {
  if (!auth.ok) return api.authError(auth.problem, auth.code, path);
  if (!body.valid) return api.invalidBody(body.errors, path);
  const call: ApiCall = {
    params,
    body: body.value as Record<string, unknown>,
    path,
    origin: ctx.origin,
    random: ctx.state.random,
    now: new Date(),
    stored: ctx.state.storeOf(api.provider),
    state: ctx.state,
  };
  const refusal = api.checkTargets(call);
  if (refusal) return refusal;
  const creation = await api.create(call);
  record.createdId = creation.id;
  if (creation.existing) return creation.reply;
  ctx.state.items.push({
    provider: api.provider,
    id: creation.id,
    ...(creation.pageUrl === undefined ? {} : { pageUrl: creation.pageUrl }),
    seq: record.seq,
    ...(record.idempotencyKey === undefined ? {} : { idempotencyKey: record.idempotencyKey }),
    request: record,
    ...(creation.target === undefined ? {} : { target: creation.target }),
  });
  return creation.reply;
}

/** `{key}` in a fault message becomes the token the request presented, as a careless server echoes it back. */
function echoPresentedKey(message: string, authorization: string | undefined): string {
  const token = /^(?:Bearer|Token)\s+(\S+)/i.exec(authorization ?? '')?.[1] ?? '';
  return message.split('{key}').join(token);
}
