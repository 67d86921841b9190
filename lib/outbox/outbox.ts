// Owns the outbox facade: one object over the layers (store → lease / user-ops / queries), each operation one short
// IndexedDB transaction followed by a change notice.
import { leaseOps } from './lease';
import { queries } from './queries';
import { createStore, type OutboxDeps } from './store';
import { userOps } from './user-ops';

export type { ClaimOptions, FailedSettle, PauseSettle, RetrySettle, SyncedSettle } from './lease';
export { INCOGNITO_GRACE_MS } from './lease';
export type { ListOptions, PruneOptions } from './queries';
export { DEFAULT_LIST_LIMIT } from './queries';
export type { OutboxDeps } from './store';
export type { EnqueueResult } from './user-ops';

export function createOutbox(deps: OutboxDeps = {}) {
  const store = createStore(deps);
  return { ...userOps(store), ...leaseOps(store), ...queries(store) };
}

export type Outbox = ReturnType<typeof createOutbox>;
