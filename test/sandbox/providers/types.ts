// The shape every imitated API has in the sandbox: its route, its error bodies and how it creates an item.
import type { ProviderId } from '../../../lib/providers/types';
import type { Reply } from '../http';
import type { Random } from '../prng';
import type { BodyError } from '../records';
import type { AuthVerdict, SandboxState } from '../state';

/** An error to answer in the API's own documented shape. `code` is used where the shape has one. */
export interface ErrorSpec {
  status: number;
  code?: string;
  message?: string;
}

export interface ApiCall {
  /** Named groups of the route match (e.g. workspaceId), URI-decoded. */
  params: Record<string, string>;
  /** Already valid against the request contract. */
  body: Record<string, unknown>;
  /** The request path, for APIs whose errors echo it. */
  path: string;
  /** http://127.0.0.1:PORT of this sandbox, for links it hands out. */
  origin: string;
  random: Random;
  now: Date;
  /** For APIs whose answer depends on what they hold (wallabag's entries by URL). */
  state: SandboxState;
  /** This API's own memory, emptied by reset (linkding and Karakeep find a URL they already have here). */
  stored: Map<string, unknown>;
}

/** A request to any other path of the API: its read-only endpoints (Check connection) and documented redirects. */
export interface OtherCall {
  method: string;
  /** The path after the prefix. */
  rest: string;
  query: URLSearchParams;
  auth: AuthVerdict;
  origin: string;
  stored: Map<string, unknown>;
}

export interface Creation {
  id: string;
  /** The captured page (see CreatedItem.pageUrl). */
  pageUrl?: string;
  reply: Reply;
  /** ShortPen: where the short link redirects. */
  target?: string;
  /** The API answered with an item it already had (wallabag's duplicate URL): nothing new was created. */
  existing?: boolean;
}

/** A request to one of the API's other routes that it serves itself (wallabag's token endpoint), not recorded as a create. */
export interface ServeCall {
  state: SandboxState;
  method: string;
  /** The path after the prefix. */
  rest: string;
  bodyText: string;
  headers: Record<string, string>;
}

export interface SandboxApi {
  provider: ProviderId;
  /** Path prefix that selects this API, e.g. /userplane/api/v1. */
  prefix: string;
  /** The create endpoint's path after the prefix, with named groups for path parameters. */
  route: RegExp;
  successStatus: number;
  /** Authorization keywords the API takes (default Bearer only; linkding also takes Token). */
  authSchemes?: readonly string[];
  /** Methods the create route takes (POST when absent). */
  methods?: readonly string[];
  /** The header that carries the key, when it is not `Authorization: Bearer` (the webhook's secret header). */
  authHeader?: string;
  /** Headers on every answer of this API (Sharely's X-API-Version). */
  headers?: Record<string, string>;
  error(spec: ErrorSpec, path: string): Reply;
  /** The status an error code of this API implies (Userplane's codes each have one). */
  statusForCode?(code: string): number | undefined;
  authError(problem: 'missing' | 'invalid', code: string | undefined, path: string): Reply;
  /** Checks the request's credentials itself instead of comparing a key (wallabag's OAuth tokens). */
  authorize?(state: SandboxState, headers: Record<string, string>): AuthVerdict;
  /** Answers the API's routes other than create; undefined when the path is not one of them. */
  serve?(call: ServeCall): Promise<Reply | undefined>;
  /** The body broke the contract (or was not JSON). */
  invalidBody(errors: readonly BodyError[], path: string): Reply;
  /** Unknown workspace, domain, spec… in the path or the body: the API's documented answer. */
  checkTargets(call: ApiCall): Reply | undefined;
  create(call: ApiCall): Promise<Creation>;
  /** ShortPen's HTTP 200 with success: false. */
  successFalse?(): Reply;
  /** The answer for a path or method other than the create endpoint; undefined falls back to 404/405. */
  other?(call: OtherCall): Reply | undefined;
}
