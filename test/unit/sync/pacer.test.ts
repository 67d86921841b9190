import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_CONFIG } from '../../../lib/sync/config';
import { createPacer } from '../../../lib/sync/pacer';

const config = { ...DEFAULT_SYNC_CONFIG, perDestinationRatePerSec: 20 };

describe('createPacer', () => {
  it('spaces one destination’s sends at its rate, without a burst', () => {
    const pacer = createPacer(config);
    expect([0, 0, 0, 0].map(() => pacer.reserve('a', 0))).toEqual([0, 50, 100, 150]);
  });

  it('keeps destinations apart and refills with time', () => {
    const pacer = createPacer(config);
    pacer.reserve('a', 0);
    expect(pacer.reserve('b', 0)).toBe(0);
    expect(pacer.reserve('a', 1000)).toBe(0);
    expect(pacer.reserve('a', 1000)).toBe(50);
  });

  it('halves the rate after a 429, again after another, and recovers after rateSlowdownMs', () => {
    const pacer = createPacer(config);
    pacer.reserve('a', 0);
    pacer.slowDown('a', 0);
    expect(pacer.reserve('a', 0)).toBe(100);
    pacer.slowDown('a', 0);
    expect(pacer.reserve('a', 0)).toBe(400); // two slots owed at 5/s
    const later = config.rateSlowdownMs + 10_000;
    expect(pacer.reserve('a', later)).toBe(0);
    expect(pacer.reserve('a', later)).toBe(50);
  });

  it('a refunded slot is handed to the next send', () => {
    const pacer = createPacer(config);
    pacer.reserve('a', 0);
    expect(pacer.reserve('a', 0)).toBe(50);
    pacer.refund('a');
    expect(pacer.reserve('a', 0)).toBe(50);
    pacer.refund('a');
    pacer.refund('a');
    pacer.refund('a');
    expect(pacer.reserve('a', 0)).toBe(0);
    expect(pacer.reserve('a', 0)).toBe(50);
  });

  it('tells the rate a destination may send at now: halved after a 429, full again after rateSlowdownMs', () => {
    const pacer = createPacer(config);
    expect(pacer.rate('a', 0)).toBe(20);
    pacer.slowDown('a', 0);
    expect(pacer.rate('a', 0)).toBe(10);
    expect(pacer.rate('b', 0)).toBe(20);
    expect(pacer.rate('a', config.rateSlowdownMs)).toBe(20);
  });

  it('never slows below minRatePerSec', () => {
    const pacer = createPacer(config);
    for (let i = 0; i < 30; i++) pacer.slowDown('a', 0);
    pacer.reserve('a', 0);
    expect(pacer.reserve('a', 0)).toBe(1000 / config.minRatePerSec);
  });
});
