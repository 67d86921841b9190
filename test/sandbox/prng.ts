// Seeded pseudo-random numbers, so ids and chaos fault plans repeat exactly for a given seed.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  uuid(): string;
  /** Lower-case letters and digits. */
  token(length: number): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: tiny, fast and good enough to spread test faults; not for secrets. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const hex = (count: number): string => Array.from({ length: count }, () => int(16).toString(16)).join('');
  return {
    next,
    int,
    // Version 4 layout, so strict `format: uuid` checks pass.
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(12)}`,
    token: (length) => Array.from({ length }, () => ALPHABET[int(ALPHABET.length)]).join(''),
  };
}
