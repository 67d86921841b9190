// Owns the bench's statistics: a series of runs summarised as median, min and max.
import { z } from '../../lib/zod';

export const summarySchema = z.object({
  median: z.number(),
  min: z.number(),
  max: z.number(),
  runs: z.array(z.number()),
});

export type Summary = z.infer<typeof summarySchema>;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median, min and max of the runs, which are kept (rounded to `digits`) so a reader can see the spread. */
export function summarize(values: readonly number[], digits = 2): Summary {
  const round = (value: number) => Number(value.toFixed(digits));
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.map(round),
  };
}

/** a / b, rounded; how many times the baseline a figure is. */
export const ratio = (a: number, b: number): number => Number((a / b).toFixed(2));
