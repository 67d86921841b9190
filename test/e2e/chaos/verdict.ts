// Judges a chaos run from its evidence (outbox, sandbox log, badge): each end check as a list of violations, plus the figures.
import type { FaultMode } from '../../sandbox/faults';
import type { DuplicateGroup, ListedRequest, SandboxStats } from '../../sandbox/records';
import type { OutboxRecordView } from './outbox-probe';

/** One stop of the service worker, as the run saw it. */
export interface KillReport {
  atRequests: number;
  /** How long the sandbox stayed frozen before the stop (a long-round kill), else 0. */
  frozenMs: number;
  /** Whether the worker held the flush lock when it stopped: it died mid-flush. */
  flushInProgress: boolean;
  /** Records queued or sending when the worker stopped: work that needs the worker to come back. */
  pendingAtKill: number;
  /** When the sync alarm was due, in ms from the stop; null when none was scheduled. */
  alarmInMs: number | null;
  /** Requests open in the sandbox when the worker stopped: their answers never reach Keeplink. */
  requestsCutOff: number;
  /** Leases the stopped worker held (more than requestsCutOff when Chromium had not sent them yet). */
  leasesCut: number;
  /** Whether the stop waited until no live lease held an acknowledged creation (an answer in hand, not yet settled). */
  quiesced: boolean;
  /** Whether the test waited for the alarm to wake the worker, or only checked that one was scheduled. */
  alarmAwaited: boolean;
  /** 'alarm': the worker started again by itself; 'prompt': the test sent the popup's flush message. */
  wokeBy: 'alarm' | 'prompt';
  /** From the stop until the worker ran again. */
  downMs: number;
}

export interface ChaosEvidence {
  plannedTitles: readonly string[];
  records: readonly OutboxRecordView[];
  requests: readonly ListedRequest[];
  stats: SandboxStats;
  badge: string;
  kills: readonly KillReport[];
}

interface RecordRef {
  id: string;
  title: string;
  status: string;
}

/** Every list is empty, and the badge matches, in a run where Keeplink kept its promise. */
export interface ChaosChecks {
  /** Planned captures with no outbox record: lost. */
  missingCaptures: string[];
  /** Records no capture accounts for, or a title stored twice. */
  unexpectedRecords: RecordRef[];
  /** Records neither delivered nor visibly failed or paused. */
  unsettled: RecordRef[];
  /** Failed or paused without a reason code. */
  withoutReason: RecordRef[];
  /** Delivered, yet the sandbox acknowledged no creation with that result for this capture (and no malformed 2xx explains it). */
  deliveredWithoutCreation: (RecordRef & { resultId: string | null })[];
  /** Creations whose Idempotency-Key matches no record. */
  strayCreations: { seq: number; idempotencyKey: string | null }[];
  /** A capture created again after the sandbox had delivered an answer for an earlier creation of it. */
  unexplainedDuplicates: { idempotencyKey: string; seqs: number[]; acknowledged: boolean[] }[];
  /** The sandbox's own duplicate groups with more extra copies than unacknowledged creations. */
  duplicateGroupsBeyondUnacknowledged: DuplicateGroup[];
  invalidBodies: { seq: number; provider: string; errors: unknown }[];
  /**
   * Kills after which nothing would have woken the worker: work was pending but no alarm was scheduled,
   * or the awaited alarm did not start the worker. In production those captures would wait for the next
   * browser start, save or settings change.
   */
  strandedAfterKill: KillReport[];
  /** Kills that could not wait for every answer in hand to settle, so a duplicate there is not the extension's fault. */
  unquiescedKills: KillReport[];
  badge: { shown: string; expected: string };
}

export interface ChaosFigures {
  captures: number;
  requests: number;
  faults: { total: number; share: number; byKind: Partial<Record<FaultMode, number>> };
  delivered: number;
  deliveredWithWarning: number;
  failed: number;
  failedByCode: Record<string, number>;
  paused: number;
  pausedByCode: Record<string, number>;
  undelivered: number;
  created: number;
  /** Creations whose answer never reached Keeplink (dropped after commit, timed out, cut off by a worker kill). */
  unacknowledged: number;
  commitThenDrops: number;
  /** Extra copies in the sandbox: Σ (count − 1) over its duplicate groups. */
  duplicates: number;
  duplicateGroups: number;
  maxAttempts: number;
  kills: number;
  killsWokenByAlarm: number;
  byDestination: Record<string, { captures: number; delivered: number; failed: number; paused: number }>;
}

const UNDELIVERED = new Set(['queued', 'sending', 'paused', 'failed']);
const SETTLED = new Set(['synced', 'failed', 'paused']);

function tally(values: readonly (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value ?? 'none'] = (out[value ?? 'none'] ?? 0) + 1;
  return out;
}

function ref(record: OutboxRecordView): RecordRef {
  return { id: record.id, title: record.title, status: record.status };
}

/** The badge Keeplink promises for this many undelivered captures (empty at zero). */
export function expectedBadge(undelivered: number): string {
  if (undelivered <= 0) return '';
  return undelivered > 999 ? '999+' : String(undelivered);
}

export function judgeChaos(evidence: ChaosEvidence): { checks: ChaosChecks; figures: ChaosFigures } {
  const { records, requests, stats } = evidence;
  const planned = new Set(evidence.plannedTitles);
  const byTitle = new Map<string, OutboxRecordView[]>();
  for (const record of records) byTitle.set(record.title, [...(byTitle.get(record.title) ?? []), record]);
  const recordIds = new Set(records.map((record) => record.id));

  const creations = requests.filter((request) => request.createdId !== undefined).sort((a, b) => a.seq - b.seq);
  const creationsByKey = new Map<string, ListedRequest[]>();
  for (const creation of creations) {
    if (creation.idempotencyKey === undefined) continue;
    creationsByKey.set(creation.idempotencyKey, [...(creationsByKey.get(creation.idempotencyKey) ?? []), creation]);
  }
  const malformedKeys = new Set(requests.filter((request) => request.fault === 'malformed').map((request) => request.idempotencyKey));

  const deliveredWithoutCreation = records.flatMap((record) => {
    if (record.status !== 'synced') return [];
    const acknowledged = (creationsByKey.get(record.id) ?? []).filter((creation) => creation.acknowledged);
    if (record.resultId !== null && acknowledged.some((creation) => creation.createdId === record.resultId)) return [];
    // A 2xx whose JSON was cut off is delivered on purpose (re-sending would duplicate); the sandbox's malformed answer creates nothing.
    if (record.warningCode === 'malformed-response' && malformedKeys.has(record.id)) return [];
    return [{ ...ref(record), resultId: record.resultId }];
  });

  const unexplainedDuplicates = [...creationsByKey.entries()].flatMap(([idempotencyKey, list]) =>
    list.slice(0, -1).some((creation) => creation.acknowledged)
      ? [{ idempotencyKey, seqs: list.map((creation) => creation.seq), acknowledged: list.map((creation) => creation.acknowledged) }]
      : [],
  );

  const undelivered = records.filter((record) => UNDELIVERED.has(record.status)).length;
  const checks: ChaosChecks = {
    missingCaptures: evidence.plannedTitles.filter((title) => !byTitle.has(title)),
    unexpectedRecords: records.filter((record) => !planned.has(record.title) || (byTitle.get(record.title)?.length ?? 0) > 1).map(ref),
    unsettled: records.filter((record) => !SETTLED.has(record.status)).map(ref),
    withoutReason: records.filter((record) => (record.status === 'failed' || record.status === 'paused') && !record.errorCode).map(ref),
    deliveredWithoutCreation,
    strayCreations: creations
      .filter((creation) => creation.idempotencyKey === undefined || !recordIds.has(creation.idempotencyKey))
      .map((creation) => ({ seq: creation.seq, idempotencyKey: creation.idempotencyKey ?? null })),
    unexplainedDuplicates,
    duplicateGroupsBeyondUnacknowledged: stats.duplicates.filter((group) => group.count - 1 > group.unacknowledged),
    invalidBodies: requests.filter((request) => !request.valid).map((request) => ({ seq: request.seq, provider: request.provider, errors: request.errors })),
    strandedAfterKill: evidence.kills.filter(
      (kill) => kill.pendingAtKill > 0 && (kill.alarmInMs === null || (kill.alarmAwaited && kill.wokeBy !== 'alarm')),
    ),
    unquiescedKills: evidence.kills.filter((kill) => !kill.quiesced),
    badge: { shown: evidence.badge, expected: expectedBadge(undelivered) },
  };

  const failed = records.filter((record) => record.status === 'failed');
  const paused = records.filter((record) => record.status === 'paused');
  const figures: ChaosFigures = {
    captures: evidence.plannedTitles.length,
    requests: stats.totals.requests,
    faults: {
      total: stats.faults.total,
      share: stats.totals.requests ? Number((stats.faults.total / stats.totals.requests).toFixed(3)) : 0,
      byKind: stats.faults.byKind,
    },
    delivered: records.filter((record) => record.status === 'synced').length,
    deliveredWithWarning: records.filter((record) => record.status === 'synced' && record.warningCode !== null).length,
    failed: failed.length,
    failedByCode: tally(failed.map((record) => record.errorCode)),
    paused: paused.length,
    pausedByCode: tally(paused.map((record) => record.errorCode)),
    undelivered,
    created: stats.totals.created,
    unacknowledged: stats.totals.unacknowledged,
    commitThenDrops: requests.filter((request) => request.fault === 'drop-after-commit' && request.createdId !== undefined).length,
    duplicates: stats.duplicates.reduce((sum, group) => sum + group.count - 1, 0),
    duplicateGroups: stats.duplicates.length,
    maxAttempts: records.reduce((max, record) => Math.max(max, record.attempts), 0),
    kills: evidence.kills.length,
    killsWokenByAlarm: evidence.kills.filter((kill) => kill.wokeBy === 'alarm').length,
    byDestination: {},
  };
  for (const record of records) {
    const entry = (figures.byDestination[record.destinationId] ??= { captures: 0, delivered: 0, failed: 0, paused: 0 });
    entry.captures += 1;
    if (record.status === 'synced') entry.delivered += 1;
    if (record.status === 'failed') entry.failed += 1;
    if (record.status === 'paused') entry.paused += 1;
  }
  return { checks, figures };
}
