// Everything one sandbox instance knows: keys, faults, requests received and items created.
import type { ProviderId } from '../../lib/providers/types';
import { FaultPlan } from './faults';
import { RequestHold } from './hold';
import { SANDBOX_KEYS } from './ids';
import { createRandom, type Random } from './prng';
import { WallabagServer } from './wallabag-server';
import { computeStats, listRequest, type CreatedItem, type ListedRequest, type RequestRecord, type SandboxStats } from './records';

/** Sharely, ShortPen and Userplane document a Bearer key; Poozle and Link action document none. */
const DEFAULT_KEY_REQUIRED: Readonly<Record<ProviderId, boolean>> = {
  sharely: true,
  shortpen: true,
  userplane: true,
  poozle: false,
  'link-action': false,
  // self-hosted bookmark services
  linkding: true,
  karakeep: true,
  linkwarden: true,
  webhook: true,
  wallabag: true,
};

export type AuthVerdict = { ok: true } | { ok: false; problem: 'missing' | 'invalid'; code?: string };

export class SandboxState {
  readonly seed: number;
  random: Random;
  keys: Record<ProviderId, string> = { ...SANDBOX_KEYS };
  keyRequired: Record<ProviderId, boolean> = { ...DEFAULT_KEY_REQUIRED };
  /** Providers whose current key was revoked, with the error code to answer (if not the default). */
  revoked = new Map<ProviderId, { code?: string }>();
  faults = new FaultPlan();
  hold = new RequestHold();
  requests: RequestRecord[] = [];
  /** Create requests received whose answer is not finished yet (parked ones included), by Idempotency-Key. */
  readonly inFlight = new Set<{ idempotencyKey: string | undefined }>();
  items: CreatedItem[] = [];
  /** Each API's own memory (see ApiCall.stored). */
  private stored = new Map<ProviderId, Map<string, unknown>>();
  wallabag = new WallabagServer();
  /** Bumped by reset, so a request still in flight from before cannot write into the new state. */
  generation = 0;
  private seq = 0;

  constructor(seed: number) {
    this.seed = seed;
    this.random = createRandom(seed);
  }

  /** Back to a fresh start: default keys, no faults, nothing received or created, same seed. */
  reset(): void {
    this.random = createRandom(this.seed);
    this.keys = { ...SANDBOX_KEYS };
    this.keyRequired = { ...DEFAULT_KEY_REQUIRED };
    this.revoked.clear();
    this.faults.clear();
    this.hold.release();
    this.requests = [];
    this.items = [];
    this.stored.clear();
    this.wallabag = new WallabagServer();
    this.seq = 0;
    this.generation += 1;
  }

  storeOf(provider: ProviderId): Map<string, unknown> {
    let store = this.stored.get(provider);
    if (!store) {
      store = new Map();
      this.stored.set(provider, store);
    }
    return store;
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  setKey(provider: ProviderId, key: string | undefined, required: boolean | undefined): void {
    if (key !== undefined) {
      this.keys[provider] = key;
      this.revoked.delete(provider);
    }
    if (required !== undefined) this.keyRequired[provider] = required;
  }

  revoke(provider: ProviderId, code: string | undefined): void {
    this.revoked.set(provider, code === undefined ? {} : { code });
  }

  /** A presented key must be the current, unrevoked one; no key at all passes only where none is required. */
  checkAuth(provider: ProviderId, authorization: string | undefined, schemes: readonly string[] = ['Bearer']): AuthVerdict {
    const keyword = /^(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
    const token = keyword && schemes.some((scheme) => scheme.toLowerCase() === keyword[1]!.toLowerCase()) ? keyword[2] : undefined;
    if (authorization === undefined || authorization.trim() === '') {
      return this.keyRequired[provider] ? { ok: false, problem: 'missing' } : { ok: true };
    }
    const revoked = this.revoked.get(provider);
    if (revoked) return { ok: false, problem: 'invalid', ...(revoked.code === undefined ? {} : { code: revoked.code }) };
    return token === this.keys[provider] ? { ok: true } : { ok: false, problem: 'invalid' };
  }

  /** The Idempotency-Keys of create requests still waiting for their answer. */
  inFlightKeys(): string[] {
    return [...this.inFlight].flatMap(({ idempotencyKey }) => (idempotencyKey === undefined ? [] : [idempotencyKey]));
  }

  listRequests(provider?: ProviderId): ListedRequest[] {
    return this.requests.filter((record) => !provider || record.provider === provider).map(listRequest);
  }

  stats(): SandboxStats {
    return computeStats(this.requests, this.items);
  }
}
