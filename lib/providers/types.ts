// The one shape every provider has: settings schema, request builder, response schemas, classifier.
import type { Capture } from '../capture';
import type { KeeplinkError, Result } from '../errors';
import type { TokenAuth } from './token-session';

export type ProviderId =
  | 'sharely'
  | 'shortpen'
  | 'userplane'
  | 'poozle'
  | 'link-action'
  // self-hosted bookmark services
  | 'linkding'
  | 'karakeep'
  | 'linkwarden'
  | 'wallabag'
  // any JSON endpoint
  | 'webhook';

/** What buildRequest returns: everything but transport concerns (timeout, Idempotency-Key, redirect policy). */
export interface ProviderRequest {
  /** POST (a webhook may use PUT) for deliveries; GET or HEAD only for the connection check, which must create nothing. */
  method: 'POST' | 'PUT' | 'GET' | 'HEAD';
  /** Absolute URL: the destination's base URL joined with the documented path (a path prefix is kept). */
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A server's answer, read fully. Header names are lower-case. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

/** What a delivery produced, stored on the outbox record and shown in the popup. */
export interface DeliveryResult {
  /** The created object's id (knowledge id, link id, instance id…). */
  id?: string;
  /** A link the user can share or open (short link, recording link). Only http(s). */
  link?: string;
  /** A base64 PNG the server generated (ShortPen QR). */
  qrPng?: string;
  /** Other small facts worth showing (e.g. slug). */
  extra?: Record<string, string>;
  /**
   * The service already had this URL and answered with that item: 'updated' (linkding replaced its tags, title
   * and note with the capture's), 'kept' (Karakeep kept it, tags untouched, and moved it back to the top),
   * 'unchanged' (Linkwarden, preventing duplicates, changed nothing), 'tags-added' (wallabag kept its entry and added
   * the capture's tags to its own, removing none).
   */
  existing?: 'updated' | 'kept' | 'unchanged' | 'tags-added';
}

export type Outcome =
  | { kind: 'synced'; result: DeliveryResult; warning?: KeeplinkError }
  /**
   * retryAfterMs: the server's Retry-After, parsed once here. slowDown: the server asked for a slower pace (a 429
   * that means "later", not a used-up quota), so the sender halves this destination's rate for a while.
   * pauseAfterAttempts: retry a few times, then pause the destination (an HTML page instead of the API).
   */
  | { kind: 'retry'; error: KeeplinkError; retryAfterMs?: number; slowDown?: boolean; pauseAfterAttempts?: number }
  | { kind: 'paused'; error: KeeplinkError }
  | { kind: 'failed'; error: KeeplinkError };

export type FieldKind =
  | 'text'
  | 'secret'
  | 'url'
  | 'uuid'
  | 'int'
  | 'int-list'
  | 'string-list'
  | 'checkbox'
  /** One of `choices`, shown as a select. */
  | 'choice'
  /** "Name: value" per line (webhook extra headers). */
  | 'header-list'
  /** A JSON body template with {{placeholders}} (webhook). */
  | 'json-template'
  /** A secret used once when saving and never stored (wallabag's password). */
  | 'password';

/** Describes one destination-form field; the UI maps `key` to its localized label. */
export interface FieldSpec {
  key: string;
  kind: FieldKind;
  required: boolean;
  /** Default shown in the form (and used when blank). */
  defaultValue?: string | boolean;
  /** Values to suggest (e.g. Poozle categories); others are accepted. */
  suggestions?: readonly string[];
  /** The only values a 'choice' field takes. */
  choices?: readonly string[];
}

/** Settings every destination has; each provider's schema extends these with `provider` and its own ids. */
export interface DestinationCommon {
  id: string;
  name: string;
  baseUrl: string;
  apiKey: string;
  provider: ProviderId;
}

/** Parses an unknown value as T (a zod/mini schema's safeParse, narrowed to what providers need). */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[] } };
}

export interface Provider<D extends DestinationCommon = DestinationCommon> {
  id: D['provider'];
  /** Whether the API needs a key (Poozle and Link action document none). */
  apiKeyRequired: boolean;
  /** Documented production host, offered as the form's default. Absent when the spec names none. */
  defaultBaseUrl?: string;
  /** The whole stored destination for this provider (common fields + its own). */
  settingsSchema: Parser<D>;
  /** Form fields specific to this provider, in display order (name/base URL/key are common). */
  fields: readonly FieldSpec[];
  /** Pure: a capture + settings → request, or the specific error that stops it before sending. */
  buildRequest(capture: Capture, destination: D): Result<ProviderRequest>;
  successSchema: Parser<unknown>;
  errorSchema: Parser<unknown>;
  /**
   * Every documented status (and undocumented ones) → an outcome with a stable error code. `capture` is the one
   * the request was built from, for services whose answer only makes sense next to what was sent (linkding).
   */
  classify(answer: HttpAnswer, capture?: Capture): Outcome;
  /**
   * The read-only request "Check connection" sends instead of a plain GET of the base URL (which sends no key),
   * from the spec's read endpoint. It must create nothing.
   */
  checkRequest?(destination: D): Result<ProviderRequest>;
  /**
   * OAuth instead of a key (wallabag): requests are built without auth, and the token session (token-session.ts) adds
   * the Bearer and renews it. Absent for key-based providers.
   */
  auth?: TokenAuth<D>;
  /** Problems between fields that the schema cannot name at a field (e.g. a webhook secret without its header name). */
  settingsProblems?(destination: D): Record<string, 'required'>;
  /** Non-blocking advice about settings (e.g. a Userplane key without the uspl_ prefix). */
  settingsWarnings?(destination: D): KeeplinkError[];
}
