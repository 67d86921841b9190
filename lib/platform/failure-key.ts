// The storage.session record of the last menu/shortcut save that failed, which the popup shows once.
import type { KeeplinkError } from '../errors';

export const LAST_FAILURE_KEY = 'lastFailure';
export const LAST_FAILURE_TTL_MS = 60_000;

export interface LastFailure {
  error: KeeplinkError;
  at: number;
}
