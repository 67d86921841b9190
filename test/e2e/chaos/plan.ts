// The chaos scenario's seeded plan: the captures, the fault mix, and the request counts where batches and worker kills happen.
import type { CaptureInput } from '../../../lib/capture';
import type { ProviderId } from '../../../lib/providers/types';
import { DEFAULT_WEBHOOK_TEMPLATE } from '../../../lib/providers/webhook-template';
import type { ChaosPlan, FaultMode } from '../../sandbox/faults';
import { SANDBOX_IDS, SANDBOX_KEYS, SANDBOX_PROVIDERS, sandboxBaseUrls } from '../../sandbox/ids';
import { createRandom } from '../../sandbox/prng';

/**
 * How likely each fault is, relative to the others, once a request is picked for one. `slow` outlasts
 * the e2e build's 5 s request timeout, so it is rare: each costs a lane 5 s. `status` answers 422, a
 * permanent rejection of that capture, so some captures end visibly failed and the badge has a count to show.
 */
export const FAULT_WEIGHTS: Readonly<Partial<Record<FaultMode, number>>> = {
  '500': 3,
  '503': 2,
  '429': 3,
  down: 3,
  slow: 1,
  malformed: 2,
  html: 2,
  'drop-after-commit': 3,
  status: 1,
};

/** Share of requests that get a fault. */
export const FAULT_RATE = 0.35;
/** Longer than the e2e build's request timeout (5 s), so a slow answer is a timeout for the extension. */
export const SLOW_MS = 6_000;
/**
 * How long the sandbox stays frozen before a "long round" kill: longer than the e2e build's lease (8 s),
 * so the worker is stopped in a flush round that has outlived its first lease and its safety alarm.
 */
export const LONG_ROUND_MS = 10_000;

export interface ChaosPlanOptions {
  captures: number;
  seed: number;
  /** Worker kills; default max(5, captures / 100). */
  kills?: number;
  /** Enqueue batches; default 4. */
  batches?: number;
}

export interface PlannedBatch {
  /** Enqueued once the sandbox has seen this many requests (0: at the start). */
  atRequests: number;
  inputs: CaptureInput[];
}

export interface ScenarioPlan {
  seed: number;
  captures: number;
  chaos: ChaosPlan;
  batches: PlannedBatch[];
  /** Request counts at which the service worker is stopped. */
  killAt: number[];
  /** Indexes into killAt of the kills that first hold the sandbox frozen for LONG_ROUND_MS. */
  longRoundKills: number[];
}

export const DESTINATION_IDS: Readonly<Record<ProviderId, string>> = {
  sharely: 'chaos-sharely',
  shortpen: 'chaos-shortpen',
  userplane: 'chaos-userplane',
  poozle: 'chaos-poozle',
  'link-action': 'chaos-link-action',
  // self-hosted bookmark services
  linkding: 'chaos-linkding',
  karakeep: 'chaos-karakeep',
  linkwarden: 'chaos-linkwarden',
  webhook: 'chaos-webhook',
  // signed in by the run (OAuth2 password grant) before the first capture, as saving it in Options does
  wallabag: 'chaos-wallabag',
};

/** One destination per service, pointing at the sandbox, as test/dev/start.ts stores them. */
export function chaosDestinations(sandboxUrl: string): Record<string, unknown>[] {
  const base = sandboxBaseUrls(sandboxUrl);
  const common = (provider: ProviderId) => ({
    id: DESTINATION_IDS[provider],
    provider,
    name: `Chaos ${provider}`,
    baseUrl: base[provider],
    apiKey: SANDBOX_KEYS[provider],
  });
  return [
    { ...common('sharely'), workspaceId: SANDBOX_IDS.sharely.workspaceId },
    { ...common('shortpen'), domainId: SANDBOX_IDS.shortpen.domainId },
    { ...common('userplane'), workspaceId: SANDBOX_IDS.userplane.workspaceId, domainId: SANDBOX_IDS.userplane.domainId, linkReusable: false },
    { ...common('poozle'), workspaceId: SANDBOX_IDS.poozle.workspaceId, categories: ['TICKETING'], expiresIn: 604800 },
    { ...common('link-action'), linkId: SANDBOX_IDS['link-action'].linkId, specificationId: SANDBOX_IDS['link-action'].specificationId },
    // self-hosted bookmark services
    { ...common('linkding'), unread: false },
    common('karakeep'),
    { ...common('linkwarden'), collectionId: SANDBOX_IDS.linkwarden.collectionId },
    { ...common('webhook'), method: 'POST', secretHeaderName: SANDBOX_IDS.webhook.secretHeader, extraHeaders: [], bodyTemplate: DEFAULT_WEBHOOK_TEMPLATE },
    { ...common('wallabag'), clientId: SANDBOX_IDS.wallabag.clientId, username: SANDBOX_IDS.wallabag.username },
  ];
}

const WORDS = ['outbox', 'lease', 'retry', 'Überblick', 'naïve', '東京', 'résumé', 'backoff', 'quorum', 'idempotent'];

/**
 * Every capture has its own URL and its own title: the sandbox tells captures apart by page URL, and
 * by title for Poozle, whose bodies carry no URL.
 */
export function planCaptures(count: number, seed: number): CaptureInput[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const provider = SANDBOX_PROVIDERS[index % SANDBOX_PROVIDERS.length] as ProviderId;
    const word = WORDS[random.int(WORDS.length)] as string;
    const input: CaptureInput = {
      page: { url: `https://chaos.keeplink.test/s${seed}/item-${index}?page=${random.int(1000)}`, title: `Chaos ${seed}-${index} ${word}` },
      source: 'bulk',
      destinationId: DESTINATION_IDS[provider],
    };
    if (random.next() < 0.4) input.note = `note ${index}: ${random.token(12)}`;
    if (random.next() < 0.5) input.tags = [`t${random.int(5)}`, word];
    return input;
  });
}

export function chaosModes(): FaultMode[] {
  return Object.entries(FAULT_WEIGHTS).flatMap(([mode, weight]) => Array.from({ length: weight ?? 0 }, () => mode as FaultMode));
}

/** The spread of `count` points over (0, total): at (2i+1)/(2·count) of it, e.g. 20, 60, 100, 140, 180 for 5 over 200. */
function spread(count: number, total: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.round((total * (2 * index + 1)) / (2 * count)));
}

export function planScenario(options: ChaosPlanOptions): ScenarioPlan {
  const { captures, seed } = options;
  const kills = options.kills ?? Math.max(5, Math.round(captures / 100));
  const batchCount = Math.max(1, Math.min(options.batches ?? 4, captures));
  const inputs = planCaptures(captures, seed);
  const size = Math.ceil(captures / batchCount);
  const batches = Array.from({ length: batchCount }, (_, index) => ({
    // Every capture needs at least one request, so the count always reaches the next batch's trigger.
    atRequests: index * size,
    inputs: inputs.slice(index * size, (index + 1) * size),
  })).filter((batch) => batch.inputs.length > 0);
  return {
    seed,
    captures,
    chaos: {
      seed,
      rate: FAULT_RATE,
      modes: chaosModes(),
      retryAfter: '1',
      retryAfterModes: ['429'],
      delayMs: SLOW_MS,
      status: 422,
    },
    batches,
    // Below the capture count: every capture needs at least one request, so each point is reached.
    killAt: spread(kills, captures),
    // Every fifth kill, so the CI run has one (its last) and a 1,000-capture soak two.
    longRoundKills: Array.from({ length: kills }, (_, index) => index).filter((index) => index % 5 === 4),
  };
}
