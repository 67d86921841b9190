import { describe, expect, it, vi } from 'vitest';
import { fail, keeplinkError } from '../../../lib/errors';
import { resolveSyncConfig, type SyncConfig } from '../../../lib/sync/config';
import { flushOutbox, FLUSH_LOCK, type FlushDeps, type LockManagerLike } from '../../../lib/sync/flush';
import type { FetchLike } from '../../../lib/http';
import { createPacer } from '../../../lib/sync/pacer';
import type { InvalidDestination } from '../../../lib/settings';
import { fakeClock, makeCapture, must, T0, testOutbox } from '../outbox/fixtures';
import {
  fakeDestination,
  fakeProvider,
  fakeServer,
  json,
  macrotask,
  OTHER_ORIGIN,
  REJECT_LOCALLY,
  type FakeDestination,
  type Handler,
} from './fake-provider';
import { memoryOutbox } from './memory-outbox';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface SetupOptions {
  destinations?: FakeDestination[];
  handler?: Handler;
  config?: Partial<SyncConfig>;
  permitted?: (destination: FakeDestination) => boolean;
  invalid?: InvalidDestination[];
}

function setup(options: SetupOptions = {}) {
  const clock = fakeClock();
  const { outbox } = testOutbox(clock);
  const server = fakeServer(options.handler);
  const destinations = options.destinations ?? [fakeDestination('a')];
  const config = resolveSyncConfig(options.config);
  const sleeps: number[] = [];
  const deps: FlushDeps<FakeDestination> = {
    outbox,
    getDestinations: async () => ({ valid: destinations, invalid: options.invalid ?? [] }),
    withProvider: (destination, use) => use(fakeProvider, destination),
    hasPermission: async (destination) => options.permitted?.(destination) ?? true,
    fetch: server.fetch,
    now: clock.now,
    random: () => 0.5,
    config,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  };
  const enqueue = async (count: number, destinationId = 'a', title?: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(must(await outbox.enqueue(makeCapture({ destinationId, ...(title ? { title } : {}) }))).record.id);
    return ids;
  };
  return { clock, outbox, server, deps, sleeps, config, enqueue };
}

describe('flushOutbox: outcomes', () => {
  it('delivers due records once each, with the record id as Idempotency-Key, and stores the result', async () => {
    const { outbox, server, deps, enqueue } = setup();
    const ids = await enqueue(3);
    const report = await flushOutbox(deps);
    expect(report).toEqual({ sent: 3, synced: 3, retried: 0, failed: 0, paused: 0, stale: 0, nextDueAt: undefined });
    expect(server.requests.map((r) => r.idempotencyKey).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await outbox.get(id)).toMatchObject({ status: 'synced', result: { id: `id-${id}` }, attempts: 1 });
    expect(await outbox.countUndelivered()).toBe(0);
  });

  it('backs off a retryable failure with full jitter and reports when it is next due', async () => {
    // One lane: a second lane's pacing sleep would move this test's shared fake clock.
    const { outbox, deps, enqueue } = setup({ handler: () => json(503, { message: 'down' }), config: { perDestinationConcurrency: 1 } });
    const [id] = await enqueue(1);
    const report = await flushOutbox(deps);
    // attempt 1: ceiling 30 s, random 0.5 → 15 s.
    expect(report).toMatchObject({ sent: 1, retried: 1, nextDueAt: T0 + 15_000 });
    expect(await outbox.get(id!)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T0 + 15_000, lastError: { code: 'server-error' } });
    // Not due yet: a second flush sends nothing.
    expect((await flushOutbox(deps)).sent).toBe(0);
  });

  it('honours the Retry-After the outcome carries: seconds, an HTTP date against the server clock, or a provider parse', async () => {
    const answers = [
      json(503, {}, { 'retry-after': '120' }),
      json(503, {}, { 'retry-after': new Date(T0 + 300_000).toUTCString(), date: new Date(T0).toUTCString() }),
      json(429, {}, { 'retry-after': '120', 'x-test-retry-after-ms': '7000' }),
      json(503, {}, { 'retry-after': String(30 * DAY / 1000) }),
    ];
    const { outbox, deps, enqueue } = setup({ handler: (_request, index) => answers[index]!, config: { perDestinationConcurrency: 1 } });
    const ids = await enqueue(4);
    await flushOutbox(deps);
    const records = await Promise.all(ids.map(async (id) => (await outbox.get(id))!));
    expect(records.map((record) => record.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(records[0]!.nextAttemptAt - records[0]!.updatedAt).toBe(120_000);
    // The wait is the HTTP date less the server's own Date, whatever the local clock says.
    expect(records[1]!.nextAttemptAt - records[1]!.updatedAt).toBe(300_000);
    expect(records[2]!.nextAttemptAt - records[2]!.updatedAt).toBe(7_000);
    // Thirty days asked, capped at 24 hours.
    expect(records[3]!.nextAttemptAt - records[3]!.updatedAt).toBe(24 * HOUR);
  });

  it('fails a record the server rejects, and one the provider cannot build, without retrying', async () => {
    const { outbox, server, deps, enqueue } = setup({ handler: () => json(400, { message: 'bad' }) });
    const [rejected] = await enqueue(1);
    const [unbuildable] = await enqueue(1, 'a', REJECT_LOCALLY);
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 1, failed: 2 });
    expect(server.requests).toHaveLength(1);
    expect(await outbox.get(rejected!)).toMatchObject({ status: 'failed', lastError: { code: 'bad-request' }, attempts: 1 });
    expect(await outbox.get(unbuildable!)).toMatchObject({ status: 'failed', lastError: { code: 'field-too-long', field: 'title' }, attempts: 0 });
  });

  it('masks the API key when a server echoes it in its error message', async () => {
    const { outbox, deps, enqueue } = setup({ handler: () => json(400, { message: 'key key-a is not valid for this workspace' }) });
    const [id] = await enqueue(1);
    await flushOutbox(deps);
    const stored = JSON.stringify(await outbox.get(id!));
    expect(stored).not.toContain('key-a');
    expect(stored).toContain('key *** is not valid');
  });

  it('fails records whose destination is gone, sending nothing', async () => {
    const { outbox, server, deps, enqueue } = setup();
    const [orphan] = await enqueue(1, 'removed');
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(server.requests).toEqual([]);
    expect(await outbox.get(orphan!)).toMatchObject({ status: 'failed', lastError: { code: 'destination-missing' }, attempts: 0 });
  });

  it('does not fail a capture saved while the settings were being read: the next flush delivers it', async () => {
    const { clock, outbox, server, deps } = setup();
    const late = fakeDestination('late');
    let lateId = '';
    // The read returns the settings from before "late" was saved, and the capture for it arrives while it runs.
    deps.getDestinations = async () => {
      clock.advance(1);
      lateId = must(await outbox.enqueue(makeCapture({ destinationId: 'late' }))).record.id;
      return { valid: [fakeDestination('a')], invalid: [] };
    };
    expect(await flushOutbox(deps)).toMatchObject({ failed: 0 });
    expect(await outbox.get(lateId)).toMatchObject({ status: 'queued', attempts: 0 });
    deps.getDestinations = async () => ({ valid: [fakeDestination('a'), late], invalid: [] });
    expect(await flushOutbox(deps)).toMatchObject({ sent: 1, failed: 0 });
    expect(await outbox.get(lateId)).toMatchObject({ status: 'synced' });
    expect(server.requests).toHaveLength(1);
  });

  it('never sends a key to another origin: the destination pauses instead', async () => {
    const { outbox, server, deps, enqueue } = setup();
    const [id] = await enqueue(1, 'a', OTHER_ORIGIN);
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 1, paused: 1 });
    expect(server.requests).toEqual([]);
    expect(await outbox.get(id!)).toMatchObject({ status: 'paused', lastError: { code: 'cross-origin' } });
  });

  it('times a hanging request out and retries it later', async () => {
    const { outbox, deps, enqueue } = setup({
      handler: () => new Promise<Response>(() => undefined),
      config: { requestTimeoutMs: 20 },
    });
    const [id] = await enqueue(1);
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 1, retried: 1 });
    expect(await outbox.get(id!)).toMatchObject({ status: 'queued', lastError: { code: 'timeout', retryable: true } });
  });
});

describe('flushOutbox: paused destinations', () => {
  it('a 401 pauses only that destination; it stops sending and burns no attempts; resume delivers everything', async () => {
    let keyFixed = false;
    const { clock, outbox, server, deps, enqueue } = setup({
      destinations: [fakeDestination('a'), fakeDestination('b')],
      handler: (request) => (request.host === 'a.example' && !keyFixed ? json(401, {}) : json(201, { id: 'ok' })),
      config: { perDestinationConcurrency: 1 },
    });
    const aIds = await enqueue(3, 'a');
    const bIds = await enqueue(2, 'b');
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ paused: 1, synced: 2 });
    expect(server.requests.filter((r) => r.host === 'a.example')).toHaveLength(1);
    expect(await outbox.getPause('a')).toMatchObject({ error: { code: 'auth-invalid' } });
    const attempts = async () => Promise.all(aIds.map(async (id) => (await outbox.get(id))!.attempts));
    expect(await attempts()).toEqual([1, 0, 0]);

    for (let i = 0; i < 5; i++) {
      clock.advance(6 * HOUR);
      expect((await flushOutbox(deps)).sent).toBe(0);
    }
    expect(await attempts()).toEqual([1, 0, 0]);
    for (const id of bIds) expect((await outbox.get(id))?.status).toBe('synced');

    keyFixed = true;
    must(await outbox.resumeDestination('a', clock.now()));
    expect(await flushOutbox(deps)).toMatchObject({ sent: 3, synced: 3 });
    expect(await outbox.countUndelivered()).toBe(0);
  });

  it('without host permission the destination pauses as permission-missing and nothing is sent', async () => {
    const { outbox, server, deps, enqueue } = setup({
      destinations: [fakeDestination('a'), fakeDestination('b')],
      permitted: (destination) => destination.id !== 'a',
    });
    const [a1, a2] = await enqueue(2, 'a');
    const [b1] = await enqueue(1, 'b');
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 1, synced: 1, paused: 1 });
    expect(server.requests.map((r) => r.host)).toEqual(['b.example']);
    for (const id of [a1!, a2!]) expect(await outbox.get(id)).toMatchObject({ status: 'paused', attempts: 0 });
    expect(await outbox.getPause('a')).toMatchObject({ error: { code: 'permission-missing' } });
    expect((await outbox.get(b1!))?.status).toBe('synced');
  });

  it('settings that no longer validate pause the destination with the field to fix, and keep its captures', async () => {
    const fixWorkspace: InvalidDestination = { id: 'a', error: keeplinkError('field-invalid', { field: 'workspaceId', details: { scope: 'settings' } }) };
    const { outbox, server, deps, enqueue } = setup({ destinations: [fakeDestination('b')], invalid: [fixWorkspace] });
    const queued = await enqueue(2, 'a');
    const [other] = await enqueue(1, 'b');
    expect(await flushOutbox(deps)).toMatchObject({ sent: 1, synced: 1, paused: 1, failed: 0 });
    expect(server.requests.map((r) => r.host)).toEqual(['b.example']);
    for (const id of queued) expect(await outbox.get(id)).toMatchObject({ status: 'paused', attempts: 0 });
    expect(await outbox.getPause('a')).toMatchObject({ error: { code: 'field-invalid', field: 'workspaceId', details: { scope: 'settings' } } });
    expect((await outbox.get(other!))?.status).toBe('synced');
  });

  it('a permission check that throws blocks that destination alone, with its own reason', async () => {
    const { outbox, server, deps, enqueue } = setup({ destinations: [fakeDestination('a', { baseUrl: 'javascript:alert(1)' }), fakeDestination('b')] });
    deps.hasPermission = async (destination) => {
      if (destination.id === 'a') throw new TypeError("Invalid url pattern 'javascript:alert(1)/*'");
      return true;
    };
    const [blocked] = await enqueue(1, 'a');
    const [other] = await enqueue(1, 'b');
    expect(await flushOutbox(deps)).toMatchObject({ synced: 1, paused: 1 });
    expect(server.requests.map((r) => r.host)).toEqual(['b.example']);
    expect(await outbox.get(blocked!)).toMatchObject({ status: 'paused', attempts: 0, lastError: { code: 'permission-check-failed', field: 'baseUrl' } });
    expect((await outbox.get(other!))?.status).toBe('synced');
  });

  it('a request builder that throws blocks that destination alone and keeps its captures', async () => {
    const { outbox, server, deps, enqueue } = setup({ destinations: [fakeDestination('a'), fakeDestination('b')] });
    const buggy: typeof fakeProvider = {
      ...fakeProvider,
      buildRequest: (capture, destination) => {
        if (destination.id === 'a') throw new RangeError('bug');
        return fakeProvider.buildRequest(capture, destination);
      },
    };
    deps.withProvider = (destination, use) => use(buggy, destination);
    const broken = await enqueue(2, 'a');
    const [other] = await enqueue(1, 'b');
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ synced: 1, failed: 0 });
    expect(server.requests.map((r) => r.host)).toEqual(['b.example']);
    for (const id of broken) expect(await outbox.get(id)).toMatchObject({ status: 'paused', lastError: { code: 'request-build-failed' } });
    expect((await outbox.get(other!))?.status).toBe('synced');
  });

  it('a web page instead of the API is retried a few times, then pauses the destination', async () => {
    const { clock, outbox, deps, enqueue } = setup({
      handler: () => new Response('<html>captive portal</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    const [id] = await enqueue(1);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const report = await flushOutbox(deps);
      expect(report.retried).toBe(1);
      clock.set(report.nextDueAt!);
    }
    expect(await flushOutbox(deps)).toMatchObject({ paused: 1 });
    expect(await outbox.get(id!)).toMatchObject({ status: 'paused', attempts: 3, lastError: { code: 'not-api-response' } });
  });
});

describe('flushOutbox: expiry', () => {
  it('expires a record only after 7 days of retry time and at least 10 attempts', async () => {
    const { clock, outbox, deps, enqueue } = setup({ handler: () => json(503, {}) });
    const [id] = await enqueue(1);
    let previous = (await outbox.get(id!))!;
    for (let flush = 0; flush < 200; flush++) {
      const report = await flushOutbox(deps);
      const record = (await outbox.get(id!))!;
      if (record.status === 'failed') break;
      expect(record.status).toBe('queued');
      previous = record;
      clock.set(report.nextDueAt!);
    }
    const expired = (await outbox.get(id!))!;
    expect(expired).toMatchObject({ status: 'failed', lastError: { code: 'expired', details: { lastCode: 'server-error' } } });
    expect(expired.retrySpentMs).toBeGreaterThanOrEqual(7 * DAY);
    expect(previous.retrySpentMs).toBeLessThan(7 * DAY);
    expect(expired.attempts).toBeGreaterThanOrEqual(10);
  });

  it('needs 10 attempts even when the retry time is long spent', async () => {
    const { clock, outbox, deps, enqueue } = setup({
      handler: () => json(503, {}, { 'retry-after': String(DAY / 1000) }),
      config: { expireAfterRetryMs: 1000 },
    });
    const [id] = await enqueue(1);
    for (let attempt = 1; attempt < 10; attempt++) {
      clock.set((await flushOutbox(deps)).nextDueAt!);
      expect((await outbox.get(id!))?.status).toBe('queued');
    }
    await flushOutbox(deps);
    expect(await outbox.get(id!)).toMatchObject({ status: 'failed', attempts: 10, lastError: { code: 'expired' } });
  });
});

describe('flushOutbox: leases and single flight', () => {
  it('picks up records a killed worker left in sending once their lease expires, and ignores its late settle', async () => {
    const { clock, outbox, deps, enqueue, config } = setup({ config: { perDestinationConcurrency: 1 } });
    const ids = await enqueue(2);
    const dead = must(await outbox.claimDue({ now: T0, limit: 10, leaseMs: config.leaseMs }));
    clock.advance(config.leaseMs - 1);
    expect((await flushOutbox(deps)).sent).toBe(0);
    clock.advance(1);
    expect(await flushOutbox(deps)).toMatchObject({ sent: 2, synced: 2 });
    for (const id of ids) expect(await outbox.get(id)).toMatchObject({ status: 'synced', attempts: 2 });
    expect(must(await outbox.markRetry(dead[0]!.id, dead[0]!.leaseToken!, { error: keeplinkError('network'), nextAttemptAt: 0, retrySpentMs: 0 }))).toBe(false);
    expect((await outbox.get(dead[0]!.id))?.status).toBe('synced');
  });

  it('two flushers sharing one database, without a lock, never send a record twice', async () => {
    const { outbox, server, deps, enqueue } = setup({ destinations: [fakeDestination('a'), fakeDestination('b')] });
    const ids = [...(await enqueue(15, 'a')), ...(await enqueue(15, 'b'))];
    // Each flusher's requests wait until the other one has sent too, so both provably claim work at the same time.
    const sentBy = [0, 0];
    const waiting: (() => void)[] = [];
    const gated = (self: number): FetchLike => async (url, init) => {
      sentBy[self]! += 1;
      for (const wake of waiting.splice(0)) wake();
      while (sentBy[1 - self] === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      return server.fetch(url, init);
    };
    const [one, two] = await Promise.all([flushOutbox({ ...deps, fetch: gated(0) }), flushOutbox({ ...deps, fetch: gated(1) })]);
    expect(one.sent + two.sent).toBe(30);
    expect(one.sent).toBeGreaterThan(0);
    expect(two.sent).toBeGreaterThan(0);
    const keys = server.requests.map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...ids].sort());
    expect(await outbox.countUndelivered()).toBe(0);
  });

  it('with a lock manager, flushes run one after the other under the keeplink-flush lock', async () => {
    const events: string[] = [];
    let tail: Promise<unknown> = Promise.resolve();
    const locks: LockManagerLike = {
      request<T>(name: string, callback: (lock: unknown) => T): Promise<T> {
        events.push(`request ${name}`);
        const run = tail.then(async () => {
          events.push('granted');
          try {
            return await callback(null);
          } finally {
            events.push('released');
          }
        });
        tail = run.catch(() => undefined);
        return run as Promise<T>;
      },
    };
    const { deps, enqueue } = setup({
      handler: async (request) => {
        events.push('send');
        await macrotask();
        return json(201, { id: request.idempotencyKey });
      },
    });
    await enqueue(2);
    const [first, second] = await Promise.all([flushOutbox({ ...deps, locks }), flushOutbox({ ...deps, locks })]);
    expect(first.sent).toBe(2);
    expect(second.sent).toBe(0);
    expect(events).toEqual([
      `request ${FLUSH_LOCK}`,
      `request ${FLUSH_LOCK}`,
      'granted',
      'send',
      'send',
      'released',
      'granted',
      'released',
    ]);
  });

  it('navigator.locks fits the lock manager the flush takes', () => {
    const fits = (manager: LockManager): LockManagerLike => manager;
    expect(typeof fits).toBe('function');
  });
});

describe('flushOutbox: pacing and bounds', () => {
  it('sends at most 2 requests at a time per destination', async () => {
    // Every step before a request settles in microtasks here (in-memory outbox, fake sleep), and every answer is
    // held: one macrotask after the flush starts, each lane is provably parked on its request.
    const memory = memoryOutbox();
    memory.add(10, 'a');
    memory.add(10, 'b');
    const held: { host: string; answer(): void }[] = [];
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    let holding = true;
    const fetch: FetchLike = (url, init) => {
      const host = new URL(url).host;
      const id = (init.headers as Record<string, string>)['idempotency-key'];
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, inFlight.get(host)!));
      return new Promise((resolve) => {
        const answer = () => {
          inFlight.set(host, inFlight.get(host)! - 1);
          resolve(json(201, { id }));
        };
        if (holding) held.push({ host, answer });
        else answer();
      });
    };
    const { deps } = setup({ destinations: [fakeDestination('a'), fakeDestination('b')] });
    const flushed = flushOutbox({ ...deps, outbox: memory.outbox, fetch });
    await macrotask();
    expect(held.map((request) => request.host).sort()).toEqual(['a.example', 'a.example', 'b.example', 'b.example']);
    holding = false;
    for (const request of held.splice(0)) request.answer();
    expect((await flushed).synced).toBe(20);
    expect(memory.statuses().every((status) => status === 'synced')).toBe(true);
    expect(peak).toEqual(new Map([['a.example', 2], ['b.example', 2]]));
  });

  it('holds each destination to its rate, and a 429 halves it', async () => {
    const sentAt: number[] = [];
    const clockRef: { now?: () => number } = {};
    const { clock, deps, enqueue } = setup({
      handler: (request) => {
        sentAt.push(clockRef.now!());
        return json(201, { id: request.idempotencyKey });
      },
      config: { perDestinationRatePerSec: 2, perDestinationConcurrency: 1 },
    });
    clockRef.now = clock.now;
    await enqueue(5);
    expect((await flushOutbox(deps)).synced).toBe(5);
    expect(sentAt.map((time) => time - T0)).toEqual([0, 500, 1000, 1500, 2000]);

    const limited = setup({
      handler: () => json(429, {}, { 'retry-after': '1' }),
      config: { perDestinationRatePerSec: 2, perDestinationConcurrency: 1, minRatePerSec: 0.1 },
    });
    const pacer = createPacer(limited.config);
    const slowDown = vi.spyOn(pacer, 'slowDown');
    await limited.enqueue(3);
    await flushOutbox({ ...limited.deps, pacer });
    // Every answer is a 429: each one halves the rate again (2/s → 1/s → 0.5/s → 0.25/s …).
    expect(slowDown).toHaveBeenCalledTimes(limited.server.requests.length);
    expect(limited.sleeps.slice(0, 3)).toEqual([1000, 2000, 4000]);
  });

  it('stops after maxRecordsPerFlush records and leaves the rest due', async () => {
    const { deps, enqueue, outbox } = setup({ config: { maxRecordsPerFlush: 5 } });
    await enqueue(12);
    const report = await flushOutbox(deps);
    expect(report).toMatchObject({ sent: 5, synced: 5, nextDueAt: T0 });
    expect(await outbox.countUndelivered()).toBe(7);
  });

  it('stops claiming once the time budget is spent', async () => {
    const clockHolder: { advance?: (ms: number) => void } = {};
    const { deps, enqueue, clock } = setup({
      handler: (request) => {
        clockHolder.advance?.(10_000);
        return json(201, { id: request.idempotencyKey });
      },
      config: { perDestinationConcurrency: 1 },
    });
    clockHolder.advance = clock.advance;
    await enqueue(12);
    const report = await flushOutbox(deps);
    expect(report.sent).toBe(3);
    expect(report.nextDueAt).toBe(T0);
  });

  it('claims a destination’s due records a batch at a time, within the flush’s record budget', async () => {
    const { deps, enqueue, outbox } = setup({ config: { maxRecordsPerFlush: 25 } });
    await enqueue(40);
    const claims: number[] = [];
    const counted = { ...deps.outbox, claimDue: async (...args: Parameters<typeof outbox.claimDue>) => {
      const claimed = await outbox.claimDue(...args);
      claims.push(claimed.ok ? claimed.value.length : -1);
      return claimed;
    } };
    const report = await flushOutbox({ ...deps, outbox: counted });
    expect(report).toMatchObject({ sent: 25, synced: 25, stale: 0, nextDueAt: T0 });
    // 50/s × 200 ms ahead: ten a claim, so three claims lease the 25 (the orphan sweep first finds none).
    expect(claims).toEqual([0, 10, 10, 5]);
    expect(await outbox.countUndelivered()).toBe(15);
    expect((await outbox.list({ status: 'sending' })).length).toBe(0);
  });

  it('never sends a record whose lease could run out during its request: it goes back unsent, due again', async () => {
    const clockRef: { advance?: (ms: number) => void } = {};
    // Each request takes 6 s of the fake clock; a lease is 30 s and a request may take 25 s.
    const { clock, deps, enqueue, outbox, server } = setup({
      handler: (request) => {
        clockRef.advance?.(6_000);
        return json(201, { id: request.idempotencyKey });
      },
      config: { perDestinationConcurrency: 1, perDestinationRatePerSec: 10, leaseMs: 30_000, maxRecordsPerFlush: 2 },
    });
    clockRef.advance = clock.advance;
    const [first, second] = await enqueue(2);
    expect(await flushOutbox(deps)).toMatchObject({ sent: 1, synced: 1 });
    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([first]);
    // Claimed with the first at T0 (a batch of two), it was due to go at T0 + 6 s with only 24 s of lease left.
    expect(await outbox.get(second!)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: T0 });
    expect((await outbox.get(second!))?.leaseToken).toBeUndefined();
  });

  it('stops when storage fails and says why', async () => {
    const { deps, enqueue } = setup({ config: { perDestinationConcurrency: 1 } });
    await enqueue(10);
    const broken = { ...deps.outbox, settleMany: async () => fail<boolean[]>(keeplinkError('storage-quota')) };
    const report = await flushOutbox({ ...deps, outbox: broken });
    expect(report.error).toMatchObject({ code: 'storage-quota' });
    expect(report.sent).toBe(1);
  });
});
