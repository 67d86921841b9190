// Owns the settings every destination has in common (its base URL rules are in origin.ts, which is schema-free).
import { z } from './zod';

export const NAME_MAX = 80;

/** Fields every provider's settings schema spreads in first. */
export const destinationBaseShape = {
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(NAME_MAX)),
  baseUrl: z.string().check(z.minLength(1)),
  apiKey: z.string(),
};
