// Reads Keeplink's outbox and touches its settings from an extension page, the way the options page would.
// Each function here runs inside the browser (Harness.evalInExtension), so it must not use anything from its module.
import type { ChromeApi } from '../harness/launch';

declare const chrome: ChromeApi;

export interface OutboxLease {
  id: string;
  leaseToken: string | null;
  nextAttemptAt: number;
}

export interface OutboxPauseView {
  destinationId: string;
  code: string | null;
  since: number;
}

export interface OutboxSummary {
  /** False until the extension created its database (the test never creates it). */
  exists: boolean;
  counts: Record<'queued' | 'sending' | 'synced' | 'failed' | 'paused', number>;
  sending: OutboxLease[];
  pauses: OutboxPauseView[];
}

export interface OutboxRecordView {
  id: string;
  status: string;
  destinationId: string;
  title: string;
  url: string;
  attempts: number;
  errorCode: string | null;
  errorStatus: number | null;
  warningCode: string | null;
  resultId: string | null;
}

interface StoredRecord {
  id: string;
  status: string;
  destinationId: string;
  capture: { page: { title: string; url: string } };
  attempts: number;
  leaseToken?: string;
  nextAttemptAt: number;
  lastError?: { code?: string; status?: number };
  warning?: { code?: string };
  result?: { id?: string };
}

/** Counts by status and the current leases and pauses, from index counts and two small reads. */
export async function readOutboxSummary(): Promise<OutboxSummary> {
  // No named inner functions here: tsx's keepNames would wrap them in a helper the page does not have.
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open('keeplink-outbox');
    // Never create or upgrade the extension's database from here.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error ?? new Error('open failed')));
  });
  const counts = { queued: 0, sending: 0, synced: 0, failed: 0, paused: 0 };
  if (!db) return { exists: false, counts, sending: [], pauses: [] };
  try {
    const tx = db.transaction(['records', 'pauses'], 'readonly');
    const due = tx.objectStore('records').index('due');
    const read = await Promise.all(
      [
        ...(['queued', 'sending', 'synced', 'failed', 'paused'] as const).map((status) =>
          due.count(IDBKeyRange.bound([status, -Infinity], [status, Infinity])),
        ),
        due.getAll(IDBKeyRange.bound(['sending', -Infinity], ['sending', Infinity])),
        tx.objectStore('pauses').getAll(),
      ].map(
        (req: IDBRequest) =>
          new Promise<unknown>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
          }),
      ),
    );
    (['queued', 'sending', 'synced', 'failed', 'paused'] as const).forEach((status, index) => {
      counts[status] = read[index] as number;
    });
    const sending = read[5] as StoredRecord[];
    const pauses = read[6] as { destinationId: string; error?: { code?: string }; since: number }[];
    return {
      exists: true,
      counts,
      sending: sending.map((record) => ({ id: record.id, leaseToken: record.leaseToken ?? null, nextAttemptAt: record.nextAttemptAt })),
      pauses: pauses.map((pause) => ({ destinationId: pause.destinationId, code: pause.error?.code ?? null, since: pause.since })),
    };
  } finally {
    db.close();
  }
}

/** Queued and sending records, with how far their due time is from now: what a stall is waiting for. */
export async function readPendingRecords(): Promise<{ id: string; status: string; destinationId: string; dueInMs: number; attempts: number; errorCode: string | null }[]> {
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open('keeplink-outbox');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error ?? new Error('open failed')));
  });
  if (!db) return [];
  try {
    const all = await new Promise<StoredRecord[]>((resolve, reject) => {
      const req = db.transaction('records', 'readonly').objectStore('records').getAll();
      req.onsuccess = () => resolve(req.result as StoredRecord[]);
      req.onerror = () => reject(req.error ?? new Error('getAll failed'));
    });
    const now = Date.now();
    return all
      .filter((record) => record.status === 'queued' || record.status === 'sending')
      .map((record) => ({
        id: record.id,
        status: record.status,
        destinationId: record.destinationId,
        dueInMs: record.nextAttemptAt - now,
        attempts: record.attempts,
        errorCode: record.lastError?.code ?? null,
      }));
  } finally {
    db.close();
  }
}

/** Every record, reduced to what the end assertions need. */
export async function readOutboxRecords(): Promise<OutboxRecordView[]> {
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open('keeplink-outbox');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error ?? new Error('open failed')));
  });
  if (!db) return [];
  try {
    const all = await new Promise<StoredRecord[]>((resolve, reject) => {
      const req = db.transaction('records', 'readonly').objectStore('records').getAll();
      req.onsuccess = () => resolve(req.result as StoredRecord[]);
      req.onerror = () => reject(req.error ?? new Error('getAll failed'));
    });
    return all.map((record) => ({
      id: record.id,
      status: record.status,
      destinationId: record.destinationId,
      title: record.capture.page.title,
      url: record.capture.page.url,
      attempts: record.attempts,
      errorCode: record.lastError?.code ?? null,
      errorStatus: record.lastError?.status ?? null,
      warningCode: record.warning?.code ?? null,
      resultId: record.result?.id ?? null,
    }));
  } finally {
    db.close();
  }
}

/** Stores the destinations and preferences directly, as `npm start` seeds them. */
export async function seedSettings(arg: { destinations: Record<string, unknown>[]; preferences: Record<string, unknown> }): Promise<void> {
  await chrome.storage.local.set({ destinations: arg.destinations, preferences: arg.preferences });
}

/** Stores a destination's OAuth tokens where lib/platform/token-store.ts keeps them, as a sign-in in the options page does. */
export async function storeTokens(arg: { destinationId: string; tokens: { accessToken: string; refreshToken: string; expiresAt: number } }): Promise<void> {
  await chrome.storage.local.set({ [`token:${arg.destinationId}`]: arg.tokens });
}

/**
 * A settings change to one destination (its name), which resumes it as an edit in the options page
 * does. Returns false when no such destination is stored.
 */
export async function touchDestination(arg: { id: string; mark: string }): Promise<boolean> {
  const { destinations } = (await chrome.storage.local.get('destinations')) as { destinations?: { id: string; name: string }[] };
  const list = destinations ?? [];
  const target = list.find((destination) => destination.id === arg.id);
  if (!target) return false;
  const name = `${target.name.replace(/ \(resumed [^)]*\)$/, '')} (resumed ${arg.mark})`;
  await chrome.storage.local.set({ destinations: list.map((destination) => (destination.id === arg.id ? { ...destination, name } : destination)) });
  return true;
}

/** When the named sync alarm (lib/platform/alarm.ts) will fire, in ms from now; null when none is scheduled. */
export async function readSyncAlarm(name: string): Promise<number | null> {
  const alarm = await chrome.alarms.get(name);
  return alarm ? Math.round(alarm.scheduledTime - Date.now()) : null;
}

/** What the popup sends after a save: a best-effort request to flush, which also wakes a stopped worker. */
export function promptFlush(): void {
  chrome.runtime.sendMessage({ type: 'outbox/flush' }).catch(() => undefined);
}
