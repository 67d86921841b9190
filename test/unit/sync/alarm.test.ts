import { describe, expect, it } from 'vitest';
import { nextAlarmTime } from '../../../lib/sync/alarm';
import { DEFAULT_SYNC_CONFIG as config } from '../../../lib/sync/config';

describe('nextAlarmTime', () => {
  const now = 1_000_000;

  it('is the earliest due time when that is far enough ahead', () => {
    expect(nextAlarmTime(now + 120_000, now, config)).toBe(now + 120_000);
  });

  it('is never sooner than 30 s, even for work already due', () => {
    expect(nextAlarmTime(now - 5000, now, config)).toBe(now + 30_000);
    expect(nextAlarmTime(now + 1000, now, config)).toBe(now + 30_000);
  });

  it('is undefined when nothing is due', () => {
    expect(nextAlarmTime(undefined, now, config)).toBeUndefined();
  });
});
