// What the sandbox remembers about each request and each created item, and how it reports them.
import type { ProviderId } from '../../lib/providers/types';
import type { FaultMode } from './faults';
import { SANDBOX_PROVIDERS } from './ids';

/** One schema violation (ajv's error, trimmed to what is useful in a JSON listing). */
export interface BodyError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** Whether the response reached the client: written in full, cut off, or not finished yet. */
export type Delivery = 'pending' | 'acknowledged' | 'unacknowledged';

export interface RequestRecord {
  seq: number;
  provider: ProviderId;
  method: string;
  path: string;
  /** Lower-case names, raw values (the Authorization value is masked only when listed). */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  valid: boolean;
  errors?: BodyError[];
  authOk: boolean;
  /** The status sent; null when the socket was dropped before any answer. */
  status: number | null;
  idempotencyKey?: string;
  fault?: FaultMode;
  createdId?: string;
  delivery: Delivery;
  receivedAt: string;
}

export interface CreatedItem {
  provider: ProviderId;
  id: string;
  /** The page the item is about; Poozle bodies carry no URL, so its link name stands in. */
  pageUrl?: string;
  seq: number;
  idempotencyKey?: string;
  /** The request that created it; its delivery says whether the client heard about it. */
  request: RequestRecord;
  /** ShortPen: where /s/<slug> redirects. */
  target?: string;
}

export type ListedRequest = Omit<RequestRecord, 'delivery' | 'receivedAt'> & { acknowledged: boolean; delivery: Delivery; receivedAt: string };

/** Headers that carry a key: listed masked, so a listing never shows a secret. */
const SECRET_HEADERS = ['x-webhook-secret'];

function maskAuthorization(value: string): string {
  const scheme = /^(\S+)\s/.exec(value)?.[1] ?? 'Bearer';
  return `${scheme} ***`;
}

export function listRequest(record: RequestRecord): ListedRequest {
  const headers = { ...record.headers };
  if (headers.authorization !== undefined) headers.authorization = maskAuthorization(headers.authorization);
  for (const name of SECRET_HEADERS) if (headers[name] !== undefined) headers[name] = '***';
  return { ...record, headers, acknowledged: record.delivery === 'acknowledged' };
}

export interface ProviderStats {
  requests: number;
  invalid: number;
  created: number;
  acknowledged: number;
  unacknowledged: number;
  /** Created, response still being written (e.g. a slow answer in progress). */
  pending: number;
}

export interface DuplicateGroup {
  provider: ProviderId;
  pageUrl: string;
  count: number;
  ids: string[];
  seqs: number[];
  idempotencyKeys: (string | null)[];
  /** How many of the group's creations the client never heard about. */
  unacknowledged: number;
}

export interface SandboxStats {
  byProvider: Record<ProviderId, ProviderStats>;
  totals: ProviderStats;
  duplicates: DuplicateGroup[];
  faults: { total: number; byKind: Partial<Record<FaultMode, number>> };
}

function emptyStats(): ProviderStats {
  return { requests: 0, invalid: 0, created: 0, acknowledged: 0, unacknowledged: 0, pending: 0 };
}

export function computeStats(requests: readonly RequestRecord[], items: readonly CreatedItem[]): SandboxStats {
  const byProvider = Object.fromEntries(SANDBOX_PROVIDERS.map((provider) => [provider, emptyStats()])) as Record<ProviderId, ProviderStats>;
  const totals = emptyStats();
  const byKind: Partial<Record<FaultMode, number>> = {};
  let faultTotal = 0;
  for (const record of requests) {
    for (const stats of [byProvider[record.provider], totals]) {
      stats.requests += 1;
      if (!record.valid) stats.invalid += 1;
    }
    if (record.fault) {
      byKind[record.fault] = (byKind[record.fault] ?? 0) + 1;
      faultTotal += 1;
    }
  }
  const groups = new Map<string, CreatedItem[]>();
  for (const item of items) {
    for (const stats of [byProvider[item.provider], totals]) {
      stats.created += 1;
      stats[item.request.delivery] += 1;
    }
    if (item.pageUrl === undefined) continue;
    const key = `${item.provider}\u0000${item.pageUrl}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const duplicates = [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group): DuplicateGroup => {
      const first = group[0] as CreatedItem;
      return {
        provider: first.provider,
        pageUrl: first.pageUrl as string,
        count: group.length,
        ids: group.map((item) => item.id),
        seqs: group.map((item) => item.seq),
        idempotencyKeys: group.map((item) => item.idempotencyKey ?? null),
        unacknowledged: group.filter((item) => item.request.delivery === 'unacknowledged').length,
      };
    });
  return { byProvider, totals, duplicates, faults: { total: faultTotal, byKind } };
}
