// Owns the shape of what the outbox stores: one record per capture, and one pause per destination.
import { captureSchema } from '../capture';
import { isKeeplinkError, type KeeplinkError } from '../errors';
import type { DeliveryResult } from '../providers/types';
import { z } from '../zod';

export const outboxStatusSchema = z.enum(['queued', 'sending', 'synced', 'failed', 'paused']);

/** KeeplinkError is a hand-written interface shared by all of lib/, so the schema checks its discriminant. */
export const keeplinkErrorSchema = z.custom<KeeplinkError>(isKeeplinkError);

/** Typed as the providers' DeliveryResult, so the compiler keeps the two in step. */
export const deliveryResultSchema: z.ZodMiniType<DeliveryResult> = z.object({
  id: z.optional(z.string()),
  link: z.optional(z.string()),
  qrPng: z.optional(z.string()),
  extra: z.optional(z.record(z.string(), z.string())),
  existing: z.optional(z.enum(['updated', 'kept', 'note-updated', 'unchanged', 'tags-added'])),
});

/**
 * The intent to deliver one capture, never a serialized request and never an API key: the request
 * is built at send time from the capture and the destination's current settings.
 */
export const outboxRecordSchema = z.object({
  /** The capture's id; also sent as the Idempotency-Key. */
  id: z.string().check(z.uuid()),
  capture: captureSchema,
  destinationId: z.string().check(z.minLength(1)),
  /** Stored for the `dup` index (see normalize-url.ts). */
  normalizedUrl: z.string(),
  status: outboxStatusSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Requests that were sent (or may have been, when a lease was lost). */
  attempts: z.number(),
  /**
   * Orders the `due` index. queued: when due; sending: the lease expiry, so the same index finds
   * expired leases; synced/failed/paused: when the record entered that state (prune walks synced by it).
   */
  nextAttemptAt: z.number(),
  leaseToken: z.optional(z.string()),
  lastError: z.optional(keeplinkErrorSchema),
  result: z.optional(deliveryResultSchema),
  /** Set on an edit after saving: the id of the delivered record it changes (which stays as it was). */
  editOf: z.optional(z.string()),
  /** Delivered, but something about the answer deserves a look (e.g. an unexpected body). */
  warning: z.optional(keeplinkErrorSchema),
  syncedAt: z.optional(z.number()),
  /** Set when an incognito capture is delivered: it leaves local history at this time. */
  purgeAt: z.optional(z.number()),
  /** Retry time that counts toward expiry: only the waits the backoff scheduled, never paused or offline gaps. */
  retrySpentMs: z.number(),
  firstFailureAt: z.optional(z.number()),
  lastFailureAt: z.optional(z.number()),
  /** The wait scheduled at the last retryable failure; caps how much of the next gap counts. */
  lastRetryDelayMs: z.optional(z.number()),
});

export type OutboxStatus = z.infer<typeof outboxStatusSchema>;
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** A destination that needs the user; its records wait as `paused` until it is resumed. */
export const destinationPauseSchema = z.object({
  destinationId: z.string().check(z.minLength(1)),
  error: keeplinkErrorSchema,
  since: z.number(),
});

export type DestinationPause = z.infer<typeof destinationPauseSchema>;

/** Statuses that still owe the user something: the badge counts these. */
export const UNDELIVERED_STATUSES = ['queued', 'sending', 'paused', 'failed'] as const satisfies readonly OutboxStatus[];

/** Statuses under which a second capture of the same page is not queued again. */
export const PENDING_STATUSES = ['queued', 'sending', 'paused'] as const satisfies readonly OutboxStatus[];
