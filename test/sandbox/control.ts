// The /__sandbox control API: inspect requests and stats, inject faults, set or revoke keys, reset.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderId } from '../../lib/providers/types';
import { z } from '../../lib/zod';
import { chaosPlanSchema, faultProblem, faultRuleSchema } from './faults';
import { holdBodySchema } from './hold';
import { parseJson, readBody, sendJson } from './http';
import { SANDBOX_PROVIDERS, isProviderId } from './ids';
import type { SandboxState } from './state';

export const CONTROL_PREFIX = '/__sandbox';

const providerSchema = z.enum(SANDBOX_PROVIDERS as [ProviderId, ...ProviderId[]]);

const keyBodySchema = z.object({
  provider: providerSchema,
  key: z.optional(z.string().check(z.minLength(1))),
  /** Whether a request without any key is refused (Poozle and Link action default to no). */
  required: z.optional(z.boolean()),
});

const revokeBodySchema = z.object({
  provider: providerSchema,
  /** The error code to answer instead of the default, e.g. Userplane API_KEY_EXPIRED. */
  code: z.optional(z.string().check(z.minLength(1))),
});

/** wallabag's token clock: expire every access token, refuse every refresh token, or change the lifetime of new ones. */
const wallabagBodySchema = z.object({
  expireAccessTokens: z.optional(z.boolean()),
  revokeRefreshTokens: z.optional(z.boolean()),
  lifetime: z.optional(z.int().check(z.positive())),
});

interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

async function readControlBody<T>(req: IncomingMessage, res: ServerResponse, schema: Parser<T>): Promise<T | undefined> {
  const parsed = parseJson((await readBody(req)) || '{}');
  if (!parsed.ok) {
    sendJson(res, { status: 400, body: { error: 'invalid-json', message: parsed.message } });
    return undefined;
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    sendJson(res, { status: 400, body: { error: 'invalid-body', issues: result.error.issues } });
    return undefined;
  }
  return result.data;
}

function ok(res: ServerResponse, body: unknown = { ok: true }): void {
  sendJson(res, { status: 200, body });
}

/** Answers a request under /__sandbox; `route` is the path after that prefix. */
export async function handleControl(state: SandboxState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length) || '/'}`;
  switch (route) {
    case 'GET /health':
      return ok(res);
    case 'GET /requests': {
      const provider = url.searchParams.get('provider');
      if (provider !== null && !isProviderId(provider)) return sendJson(res, { status: 400, body: { error: 'unknown-provider', provider } });
      return ok(res, state.listRequests(provider ?? undefined));
    }
    case 'GET /stats':
      return ok(res, state.stats());
    case 'POST /reset':
      state.reset();
      return ok(res);
    case 'GET /faults':
      return ok(res, state.faults.describe());
    case 'POST /faults': {
      const rule = await readControlBody(req, res, faultRuleSchema);
      if (!rule) return;
      const problem = faultProblem(rule);
      if (problem) return sendJson(res, { status: 400, body: { error: 'invalid-fault', message: problem } });
      state.faults.add(rule);
      return ok(res, state.faults.describe());
    }
    case 'DELETE /faults':
      state.faults.clear();
      return ok(res);
    case 'POST /chaos': {
      const plan = await readControlBody(req, res, chaosPlanSchema);
      if (!plan) return;
      const problem = faultProblem(plan);
      if (problem) return sendJson(res, { status: 400, body: { error: 'invalid-fault', message: problem } });
      state.faults.setChaos(plan);
      return ok(res, state.faults.describe());
    }
    case 'DELETE /chaos':
      state.faults.clearChaos();
      return ok(res);
    case 'GET /hold':
      return ok(res, { ...state.hold.describe(state.requests.length), requests: state.requests.length, inFlight: state.inFlightKeys() });
    case 'POST /hold': {
      const body = await readControlBody(req, res, holdBodySchema);
      if (!body) return;
      state.hold.arm(body.afterRequests);
      return ok(res, state.hold.describe(state.requests.length));
    }
    case 'DELETE /hold':
      return ok(res, { released: state.hold.release() });
    case 'POST /keys': {
      const body = await readControlBody(req, res, keyBodySchema);
      if (!body) return;
      state.setKey(body.provider, body.key, body.required);
      return ok(res);
    }
    case 'GET /wallabag':
      return ok(res, { tokenCalls: state.wallabag.tokenCalls, entries: [...state.wallabag.entries.values()] });
    case 'POST /wallabag': {
      const body = await readControlBody(req, res, wallabagBodySchema);
      if (!body) return;
      if (body.expireAccessTokens) state.wallabag.expireAccessTokens();
      if (body.revokeRefreshTokens) state.wallabag.revokeRefreshTokens();
      if (body.lifetime !== undefined) state.wallabag.lifetime = body.lifetime;
      return ok(res);
    }
    case 'POST /revoke': {
      const body = await readControlBody(req, res, revokeBodySchema);
      if (!body) return;
      state.revoke(body.provider, body.code);
      return ok(res);
    }
    default:
      return sendJson(res, { status: 404, body: { error: 'unknown-control-route', route } });
  }
}
