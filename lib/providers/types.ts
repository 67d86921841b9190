// The one shape every provider file exports (ProviderSpec: settings, fields, limits, request builder, answer rules),
// and the Provider common.ts makes of it (the spec plus the classify its answer rules describe).
import type { Capture, CaptureLimits } from '../capture';
import type { ErrorCode, KeeplinkError, Result } from '../errors';
import type { TokenAuth } from './token-session';

export type { ProviderId } from './index';

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
   * 'note-updated' (Karakeep kept it and its answer carries the note just sent: v0.33.1+ overwrites it; older servers
   * answer with the old one, which reads as 'kept'),
   * 'unchanged' (Linkwarden, preventing duplicates, changed nothing), 'tags-added' (wallabag kept its entry and added
   * the capture's tags to its own, removing none).
   */
  existing?: 'updated' | 'kept' | 'note-updated' | 'unchanged' | 'tags-added';
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
  provider: string;
}

/** Parses an unknown value as T (a zod/mini schema's safeParse, narrowed to what providers need). */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[] } };
}

/** The fields Keeplink reads from any provider's error body. */
export interface ServerErrorFields {
  message?: string | undefined;
  code?: string | undefined;
  /** The capture field the server blamed (linkding keys its 400 by field). */
  field?: string | undefined;
}

/** What a 2xx JSON body means: the schema of the documented answer, what to keep of it, and what to keep of one that broke it. */
export interface SuccessRules<T> {
  schema: Parser<T>;
  read(data: T, capture?: Capture): DeliveryResult;
  /** The server created something even though its answer broke the schema: keep whatever ids can still be read. */
  salvage(json: unknown): DeliveryResult;
  /** A 2xx that says it created nothing (ShortPen's `success: false`): what the server said, so it is retried, then paused. */
  refused?(json: unknown): ServerErrorFields | undefined;
  /** Any 2xx is a delivery, JSON or not (a webhook answers as it likes); a web page still is not. */
  anyBody?: boolean;
}

/** A documented answer and what it means; every condition given must match. */
export interface AnswerRule {
  status?: number;
  /** The error body's own code (Userplane's `API_KEY_EXPIRED`). */
  serverCode?: string;
  /** Tested on the error body's message. */
  message?: RegExp;
  then: { kind: 'retry' | 'paused' | 'failed'; code: ErrorCode } | { kind: 'synced'; result: DeliveryResult };
}

/** The answer side of a provider, as data: common.ts turns it into `classify` with the status table written once. */
export interface AnswerSpec<T> {
  success: SuccessRules<T>;
  error: { schema: Parser<ServerErrorFields> };
  /** Documented answers that mean something else than the common table says, tried in order before it. */
  rules?: readonly AnswerRule[];
  /** For answers a rule cannot describe (Karakeep's plain-text bodies); tried after `rules`. */
  special?(answer: HttpAnswer, server: ServerErrorFields): Outcome | undefined;
  /** What a 404 / 410 means for this provider (the workspace, the link…); 'not-found' when absent. */
  notFound?: ErrorCode;
  gone?: ErrorCode;
}

/**
 * What the service's create call does to a field of an item it already has (its duplicate-URL behaviour, from the
 * spec): 'replaced' with what is sent (an omitted value clears it), 'set-only' (overwritten when sent; an empty value
 * cannot be sent, so it cannot be cleared), 'added' (the sent tags join the item's own, none is removed), 'kept'
 * (never changed by a create).
 */
export interface ResaveRules {
  note: 'replaced' | 'set-only' | 'kept';
  tags: 'replaced' | 'added' | 'kept';
}

/** One provider file's whole export: settings, fields, limits, request builder and answer rules. */
export interface ProviderSpec<D extends DestinationCommon, T = unknown> extends AnswerSpec<T> {
  id: D['provider'];
  /** Whether the API needs a key (Poozle and Link action document none). */
  apiKeyRequired: boolean;
  /** Documented production host, offered as the form's default. Absent when the spec names none. */
  defaultBaseUrl?: string;
  /** The whole stored destination for this provider (common fields + its own). */
  settingsSchema: Parser<D>;
  /** Form fields specific to this provider, in display order (name/base URL/key are common). */
  fields: readonly FieldSpec[];
  /** The spec's limits on capture values, stricter than the capture's own; the rest are the capture's. */
  limits?: Partial<CaptureLimits>;
  /** Pure: a capture (already trimmed, URL- and length-checked) + settings → request. */
  buildRequest(capture: Capture, destination: D): Result<ProviderRequest>;
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
  /**
   * Present when posting a URL the service already has updates that item (linkding, wallabag, Karakeep), so an edit
   * after saving goes to the same item. Absent: the service has no documented update, and an edit is a new capture.
   */
  resave?: ResaveRules;
  /** Problems between fields that the schema cannot name at a field (e.g. a webhook secret without its header name). */
  settingsProblems?(destination: D): Record<string, 'required'>;
  /**
   * Non-blocking advice about the key (a Userplane key without the uspl_ prefix). It reads only the key, so the form
   * can show it while the other fields are still blank.
   */
  settingsWarnings?(settings: Pick<DestinationCommon, 'apiKey'>): KeeplinkError[];
}

export interface Provider<D extends DestinationCommon = DestinationCommon, T = unknown> extends ProviderSpec<D, T> {
  /**
   * Every documented status (and undocumented ones) → an outcome with a stable error code, built from the spec's
   * answer rules. `capture` is the one the request was built from, for services whose answer only makes sense next
   * to what was sent (linkding).
   */
  classify(answer: HttpAnswer, capture?: Capture): Outcome;
}
