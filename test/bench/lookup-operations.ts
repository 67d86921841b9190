// The due-record lookups the bench times, shared by the lab page (browser) and the report (node).
export const LOOKUP_OPERATIONS = ['nextDueAt', 'claimDueForDestination', 'claimDueAny', 'orphanCheck'] as const;

export type LookupOperation = (typeof LOOKUP_OPERATIONS)[number];
