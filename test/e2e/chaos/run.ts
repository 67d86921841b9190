// Runs the chaos scenario: Keeplink in Chromium against the sandbox under a seeded fault plan, with worker kills at request counts.
import { launchExtension, type Harness } from '../harness/launch';
import { withTimeout } from '../harness/with-timeout';
import type { CaptureInput } from '../../../lib/capture';
import { startSandbox } from '../../sandbox/server';
import {
  promptFlush,
  readOutboxRecords,
  readOutboxSummary,
  readPendingRecords,
  readSyncAlarm,
  seedSettings,
  storeTokens,
  touchDestination,
  type OutboxLease,
  type OutboxSummary,
} from './outbox-probe';
import { chaosDestinations, DESTINATION_IDS, LONG_ROUND_MS, planScenario, SLOW_MS, type PlannedBatch, type ScenarioPlan } from './plan';
import { chaosSandboxClient, type ChaosSandboxClient, type HoldView } from './sandbox-client';
import { expectedBadge, judgeChaos, type ChaosChecks, type ChaosFigures, type KillReport } from './verdict';

export type { KillReport } from './verdict';

export interface ChaosRunOptions {
  captures: number;
  seed?: number;
  kills?: number;
  /** The whole run, launch included, fails after this long. */
  timeoutMs?: number;
  /** After a kill, how long past its alarm time the worker gets to start by itself before the test prompts it. */
  alarmSlackMs?: number;
  /**
   * How many kills, from the first, wait for the sync alarm to wake the worker (default: all). Later kills
   * only check that an alarm is scheduled, then prompt the worker, which keeps CI short: each wait lasts
   * up to a lease (8 s in the e2e build).
   */
  alarmWaits?: number;
  /**
   * No new request and no outbox change for this long fails the run. Default 60 s: after a run of 429s the
   * pacer may hold a destination at its floor (0.1 request/s, two lanes), 20 s between sends.
   */
  stallMs?: number;
  extensionDir?: string;
  log?: (line: string) => void;
}

export interface ResumeReport {
  destinationId: string;
  code: string | null;
  atRequests: number;
}

export interface ChaosRunResult {
  seed: number;
  killAt: number[];
  batchesAt: number[];
  checks: ChaosChecks;
  figures: ChaosFigures;
  kills: KillReport[];
  resumes: ResumeReport[];
  resumesByCode: Record<string, number>;
  /** Resumes repeated because a pause was still there 5 s after the settings change. */
  resumeRepeats: number;
  /**
   * wallabag's token traffic: every access token is expired at every kill, so the worker's first wallabag call after
   * waking gets a 401 and renews it (single-flight). signIns: password grants (the run's own first one included).
   */
  wallabag: {
    expiries: number;
    refreshes: number;
    refreshesRefused: number;
    signIns: number;
    expired401s: number;
    /** wallabag captures sent again after wallabag had acknowledged creating them (the double send to rule out). */
    createdAfterAcknowledged: string[];
  };
  timings: { launchMs: number; drainMs: number; wallMs: number };
}

const POLL_MS = 50;
const QUIESCE_MS = 3_000;
const SOCKETS_CLOSE_MS = 3_000;
const RESUME_REPEAT_MS = 5_000;
const PROGRESS_LOG_MS = 15_000;
/** lib/platform/alarm.ts SYNC_ALARM (not imported: that module needs the browser). */
const SYNC_ALARM = 'keeplink-sync';
/** The longest the test waits for a scheduled alarm to wake the worker, so a far-off alarm cannot stall the run. */
const MAX_ALARM_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leaseKey = (lease: OutboxLease) => `${lease.id}:${lease.leaseToken ?? ''}`;

interface Hooks {
  __keeplinkTest: { enqueueMany(inputs: CaptureInput[]): Promise<{ queued: number; rejected: unknown[]; error?: unknown }> };
}

class ChaosDriver {
  readonly kills: KillReport[] = [];
  readonly resumes: ResumeReport[] = [];
  resumeRepeats = 0;
  wallabagExpiries = 0;
  /** Leases held by a worker that was stopped: they can only expire, so they never block a kill. */
  private readonly deadLeases = new Set<string>();
  private readonly resumedAt = new Map<string, number>();
  private nextBatch = 0;
  private nextKill = 0;
  private touches = 0;

  constructor(
    private readonly harness: Harness,
    private readonly sandbox: ChaosSandboxClient,
    private readonly plan: ScenarioPlan,
    private readonly options: Required<Pick<ChaosRunOptions, 'alarmSlackMs' | 'alarmWaits' | 'stallMs'>> & {
      deadline: number;
      log: (line: string) => void;
    },
  ) {}

  /** Drives the run until every capture is delivered or failed and nothing is paused; returns when the outbox is quiet. */
  async drive(): Promise<void> {
    await this.enqueue(this.plan.batches[0] as PlannedBatch);
    this.nextBatch = 1;
    await this.armNextKill();
    let signature = '';
    let lastProgress = Date.now();
    let lastLog = Date.now();
    for (;;) {
      if (Date.now() > this.options.deadline) throw new Error(`chaos run timed out: ${await this.describeState()}`);
      const hold = await this.sandbox.hold();
      if (hold.reached) {
        await this.killAt(hold);
        lastProgress = Date.now();
        continue;
      }
      const batch = this.plan.batches[this.nextBatch];
      if (batch && hold.requests >= batch.atRequests) {
        await this.enqueue(batch);
        this.nextBatch += 1;
        lastProgress = Date.now();
        continue;
      }
      const summary = await this.harness.evalInExtension(readOutboxSummary);
      await this.resumePauses(summary, hold.requests);
      const pending = summary.counts.queued + summary.counts.sending + summary.counts.paused;
      if (!batch && pending === 0 && summary.pauses.length === 0) {
        if (this.nextKill < this.plan.killAt.length) this.options.log(`run ended before kill point ${this.plan.killAt[this.nextKill]}`);
        await this.sandbox.release();
        return;
      }
      const now = Date.now();
      if (now - lastLog >= PROGRESS_LOG_MS) {
        lastLog = now;
        this.options.log(`progress: ${hold.requests} requests, ${JSON.stringify(summary.counts)}`);
      }
      const next = JSON.stringify([hold.requests, summary.counts]);
      if (next !== signature) {
        signature = next;
        lastProgress = now;
      } else if (now - lastProgress > this.options.stallMs) {
        throw new Error(`chaos run stalled for ${this.options.stallMs} ms: ${await this.describeState()}`);
      }
      await sleep(POLL_MS);
    }
  }

  private async armNextKill(): Promise<void> {
    const at = this.plan.killAt[this.nextKill];
    if (at !== undefined) await this.sandbox.holdAt(at);
  }

  private async enqueue(batch: PlannedBatch): Promise<void> {
    await this.ensureWorker();
    const worker = await this.harness.worker();
    const answer = await withTimeout(
      worker.evaluate((inputs) => (globalThis as unknown as Hooks).__keeplinkTest.enqueueMany(inputs), batch.inputs),
      15_000,
      `enqueueMany of ${batch.inputs.length} captures`,
    );
    if (answer.queued !== batch.inputs.length) {
      throw new Error(`enqueueMany queued ${answer.queued} of ${batch.inputs.length}: ${JSON.stringify(answer)}`);
    }
    this.options.log(`enqueued ${answer.queued} captures at ${batch.atRequests} requests`);
  }

  /**
   * Stops the worker with the sandbox frozen at the kill point. First it waits until no live lease holds
   * an acknowledged creation: an answer Keeplink has in hand but not settled yet would die with the
   * worker and be sent again, a duplicate the sandbox could not count as unacknowledged. A long-round
   * kill first keeps the sandbox frozen for LONG_ROUND_MS, so the flush round in progress outlives a lease.
   */
  private async killAt(hold: HoldView): Promise<void> {
    const atRequests = hold.requests;
    const frozenMs = this.plan.longRoundKills.includes(this.nextKill) ? LONG_ROUND_MS : 0;
    if (frozenMs > 0) await sleep(frozenMs);
    const started = Date.now();
    let summary: OutboxSummary;
    let live: OutboxLease[];
    let quiesced = false;
    for (;;) {
      summary = await this.harness.evalInExtension(readOutboxSummary);
      const requests = await this.sandbox.requests();
      const answered = new Set(requests.filter((request) => request.acknowledged && request.createdId !== undefined).map((request) => request.idempotencyKey));
      live = summary.sending.filter((lease) => !this.deadLeases.has(leaseKey(lease)));
      if (!live.some((lease) => answered.has(lease.id))) {
        quiesced = true;
        break;
      }
      if (Date.now() - started > QUIESCE_MS) break;
      await sleep(20);
    }
    const alarmBefore = await this.harness.evalInExtension(readSyncAlarm, SYNC_ALARM);
    const flushInProgress = await this.flushInProgress();
    const cutOff = (await this.sandbox.hold()).inFlight.length;
    await this.harness.stopServiceWorker();
    const stoppedAt = Date.now();
    // The wallabag token dies with the worker: the worker that wakes finds it expired and must renew it under the same faults.
    await this.sandbox.expireWallabagTokens();
    this.wallabagExpiries += 1;
    // With the worker gone the outbox holds still: every lease in it now is one nobody will settle.
    const cut = (await this.harness.evalInExtension(readOutboxSummary)).sending.filter((lease) => !this.deadLeases.has(leaseKey(lease)));
    for (const lease of cut) this.deadLeases.add(leaseKey(lease));
    // Only once the cut-off sockets are closed can a released answer no longer reach anyone.
    while ((await this.sandbox.hold()).inFlight.length > 0 && Date.now() - stoppedAt < SOCKETS_CLOSE_MS) await sleep(20);
    await this.sandbox.release();
    this.nextKill += 1;
    await this.armNextKill();
    const alarmAwaited = this.kills.length < this.options.alarmWaits;
    const wokeBy = await this.wake(stoppedAt, alarmAwaited ? alarmBefore : null);
    const report: KillReport = {
      atRequests,
      frozenMs,
      flushInProgress,
      pendingAtKill: summary.counts.queued + summary.counts.sending,
      alarmInMs: alarmBefore,
      requestsCutOff: cutOff,
      leasesCut: cut.length,
      quiesced,
      alarmAwaited,
      wokeBy,
      downMs: Date.now() - stoppedAt,
    };
    this.kills.push(report);
    this.options.log(`kill ${this.kills.length} at ${atRequests} requests: ${JSON.stringify(report)}`);
  }

  /**
   * A stopped worker starts again only on an event; while work is pending that must be the sync alarm.
   * Waits for it until its time plus `alarmSlackMs`; with no alarm to wait for, or when it does not wake
   * the worker, the test sends the popup's flush message so the run can go on (the verdict reports it).
   */
  private async wake(stoppedAt: number, alarmInMs: number | null): Promise<'alarm' | 'prompt'> {
    if (alarmInMs !== null) {
      const waitUntil = stoppedAt + Math.min(Math.max(alarmInMs, 0) + this.options.alarmSlackMs, MAX_ALARM_WAIT_MS);
      while (Date.now() < waitUntil) {
        if (await this.harness.isServiceWorkerRunning()) return 'alarm';
        await sleep(POLL_MS);
      }
    }
    if (await this.harness.isServiceWorkerRunning()) return 'alarm';
    await this.harness.evalInExtension(promptFlush);
    await this.harness.worker();
    return 'prompt';
  }

  /** Whether the worker holds the flush lock (lib/sync/flush.ts FLUSH_LOCK): a flush round is running. */
  private async flushInProgress(): Promise<boolean> {
    if (!(await this.harness.isServiceWorkerRunning())) return false;
    const worker = await this.harness.worker();
    const locks = await withTimeout(worker.evaluate(() => navigator.locks.query()), 5_000, "reading the worker's Web Locks");
    return (locks.held ?? []).some((lock) => lock.name === 'keeplink-flush');
  }

  private async ensureWorker(): Promise<void> {
    if (await this.harness.isServiceWorkerRunning()) return;
    await this.harness.evalInExtension(promptFlush);
    await this.harness.worker();
  }

  /** A paused destination resumes on a settings change, as when the user edits it in the options page. */
  private async resumePauses(summary: OutboxSummary, atRequests: number): Promise<void> {
    for (const pause of summary.pauses) {
      const key = `${pause.destinationId}:${pause.since}`;
      const last = this.resumedAt.get(key);
      const now = Date.now();
      if (last !== undefined && now - last < RESUME_REPEAT_MS) continue;
      if (last === undefined) this.resumes.push({ destinationId: pause.destinationId, code: pause.code, atRequests });
      else this.resumeRepeats += 1;
      this.resumedAt.set(key, now);
      this.touches += 1;
      // A refused refresh (a worker killed after wallabag spent the refresh token, before Keeplink stored the new one)
      // asks the user to sign in again: the run does, as the options page would.
      if (pause.code === 'auth-signin-required' && pause.destinationId === DESTINATION_IDS.wallabag) await signInWallabag(this.harness, this.sandbox);
      const found = await this.harness.evalInExtension(touchDestination, { id: pause.destinationId, mark: String(this.touches) });
      if (!found) throw new Error(`paused destination ${pause.destinationId} is not in storage`);
    }
  }

  /** What a stalled or timed-out run was waiting for: due times, the alarm, and who holds the flush lock. */
  private async describeState(): Promise<string> {
    const [summary, pending, hold, alarmInMs] = await Promise.all([
      this.harness.evalInExtension(readOutboxSummary),
      this.harness.evalInExtension(readPendingRecords),
      this.sandbox.hold(),
      this.harness.evalInExtension(readSyncAlarm, SYNC_ALARM),
    ]);
    const running = await this.harness.isServiceWorkerRunning();
    const locks = running
      ? await withTimeout((await this.harness.worker()).evaluate(() => navigator.locks.query()), 5_000, 'reading the worker\'s Web Locks').catch(
          (error: unknown) => String(error),
        )
      : 'worker stopped';
    return JSON.stringify({
      counts: summary.counts,
      pauses: summary.pauses,
      pending: pending.slice(0, 20),
      alarmInMs,
      locks,
      hold,
      workerRunning: running,
      nextBatch: this.nextBatch,
      nextKill: this.nextKill,
      kills: this.kills.length,
    });
  }
}

async function signInWallabag(harness: Harness, sandbox: ChaosSandboxClient): Promise<void> {
  await harness.evalInExtension(storeTokens, { destinationId: DESTINATION_IDS.wallabag, tokens: await sandbox.wallabagSignIn() });
}

async function waitForBadge(harness: Harness, expected: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let shown = await harness.badgeText();
  while (shown !== expected && Date.now() < deadline) {
    await sleep(100);
    shown = await harness.badgeText();
  }
  return shown;
}

/** One full chaos run in a fresh browser profile and sandbox; throws only when the run cannot finish. */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const started = Date.now();
  const seed = options.seed ?? 20261122;
  const log = options.log ?? (() => undefined);
  const plan = planScenario({ captures: options.captures, seed, ...(options.kills === undefined ? {} : { kills: options.kills }) });
  const deadline = started + (options.timeoutMs ?? 120_000);
  const sandbox = await startSandbox({ port: 0, seed });
  const client = chaosSandboxClient(sandbox.url);
  let harness: Harness | undefined;
  try {
    harness = await launchExtension({ grantOrigins: ['http://127.0.0.1/*'], ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}) });
    const launchMs = Date.now() - started;
    await harness.evalInExtension(seedSettings, { destinations: chaosDestinations(sandbox.url), preferences: { stripTracking: true } });
    await client.reset();
    await signInWallabag(harness, client);
    await client.setChaos(plan.chaos);
    const driver = new ChaosDriver(harness, client, plan, {
      alarmSlackMs: options.alarmSlackMs ?? 3_000,
      alarmWaits: options.alarmWaits ?? Number.POSITIVE_INFINITY,
      stallMs: options.stallMs ?? 60_000,
      deadline,
      log,
    });
    const drainStarted = Date.now();
    await driver.drive();
    const drainMs = Date.now() - drainStarted;

    // A slow answer may still be on its way to a client that gave up; let it land before counting.
    const quietBy = Date.now() + SLOW_MS + 1_000;
    while ((await client.hold()).inFlight.length > 0 && Date.now() < quietBy) await sleep(100);
    const records = await harness.evalInExtension(readOutboxRecords);
    const undelivered = records.filter((record) => record.status !== 'synced').length;
    const badge = await waitForBadge(harness, expectedBadge(undelivered), 5_000);
    const [requests, stats, tokenCalls] = await Promise.all([client.requests(), client.stats(), client.wallabagTokenCalls()]);
    const { checks, figures } = judgeChaos({
      plannedTitles: plan.batches.flatMap((batch) => batch.inputs.map((input) => input.page.title)),
      records,
      requests,
      stats,
      badge,
      kills: driver.kills,
    });
    const resumesByCode: Record<string, number> = {};
    for (const resume of driver.resumes) resumesByCode[resume.code ?? 'none'] = (resumesByCode[resume.code ?? 'none'] ?? 0) + 1;
    return {
      seed,
      killAt: plan.killAt,
      batchesAt: plan.batches.map((batch) => batch.atRequests),
      checks,
      figures,
      kills: driver.kills,
      resumes: driver.resumes,
      resumesByCode,
      resumeRepeats: driver.resumeRepeats,
      wallabag: {
        expiries: driver.wallabagExpiries,
        refreshes: tokenCalls.filter((c) => c.grant === 'refresh_token' && c.status === 200).length,
        refreshesRefused: tokenCalls.filter((c) => c.grant === 'refresh_token' && c.status !== 200).length,
        signIns: tokenCalls.filter((c) => c.grant === 'password').length,
        expired401s: requests.filter((r) => r.provider === 'wallabag' && r.status === 401).length,
        createdAfterAcknowledged: checks.unexplainedDuplicates
          .map((duplicate) => duplicate.idempotencyKey)
          .filter((key) => requests.some((r) => r.provider === 'wallabag' && r.idempotencyKey === key)),
      },
      timings: { launchMs, drainMs, wallMs: Date.now() - started },
    };
  } finally {
    await harness?.close().catch(() => undefined);
    await sandbox.close();
  }
}
