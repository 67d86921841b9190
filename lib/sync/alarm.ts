// Owns when the one sync alarm should next fire.
import type { SyncConfig } from './config';

/** The earliest due time, but never sooner than Chrome's alarm minimum; undefined when nothing is due. */
export function nextAlarmTime(
  nextDueAt: number | undefined,
  now: number,
  config: Pick<SyncConfig, 'minAlarmDelayMs'>,
): number | undefined {
  if (nextDueAt === undefined) return undefined;
  return Math.max(nextDueAt, now + config.minAlarmDelayMs);
}
