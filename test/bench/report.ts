// Owns bench-results.json: its schema (the single source of its type), and reading and writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '../../lib/zod';
import { bundleSizeSchema } from './bundle-size';
import { summarySchema } from './stats';

export const REPORT_FILE = 'bench-results.json';

/** Keeplink's figure against a baseline measured in the same browser, in the same run. */
const comparisonSchema = z.object({
  unit: z.enum(['ms', 'bytes']),
  /** How it was measured, in a sentence, so the report stands alone. */
  method: z.string(),
  baselineName: z.string(),
  subject: summarySchema,
  baseline: summarySchema,
  /** median(subject) / median(baseline) */
  ratio: z.number(),
  /** median(subject) − median(baseline) */
  difference: z.number(),
  /** Intermediate points of the same runs, to show where the time goes. */
  milestones: z.optional(z.record(z.string(), summarySchema)),
});

const lookupSizeSchema = z.object({
  history: z.number(),
  populateMs: z.number(),
  nextDueAt: summarySchema,
  claimDueForDestination: summarySchema,
  claimDueAny: summarySchema,
  orphanCheck: summarySchema,
  fullScanMs: z.number(),
});

export const benchReportSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  environment: z.object({
    node: z.string(),
    chromium: z.string(),
    cpus: z.number(),
    platform: z.string(),
    /** 1-minute load average at the start and the end: other work on the machine skews every timing. */
    loadAverage: z.array(z.number()),
  }),
  durationSeconds: z.number(),
  sizes: z.optional(z.object({ firstLoad: z.array(bundleSizeSchema), lazy: z.array(bundleSizeSchema) })),
  popupReady: z.optional(comparisonSchema),
  /** Navigation start → the load event, the same runs as popupReady. */
  popupLoad: z.optional(comparisonSchema),
  heap: z.optional(comparisonSchema),
  save: z.optional(comparisonSchema),
  wake: z.optional(
    z.object({
      ...comparisonSchema.shape,
      /** The wake → durable path split by the worker's own clock. */
      workerStartMs: summarySchema,
      moduleAndDispatchMs: summarySchema,
      saveMs: summarySchema,
    }),
  ),
  drain: z.optional(
    z.object({
      method: z.string(),
      captures: z.number(),
      destinations: z.number(),
      capturesPerSec: summarySchema,
      seconds: summarySchema,
      enqueueMs: summarySchema,
      perDestinationPerSec: z.record(z.string(), summarySchema),
      /** destinations × perDestinationRatePerSec of the production sync config. */
      pacingCeilingPerSec: z.number(),
      /** median(capturesPerSec) / pacingCeilingPerSec */
      ratioToCeiling: z.number(),
      sandbox: z.object({ requests: z.number(), created: z.number(), duplicates: z.number(), invalid: z.number() }),
      unpaced: z.optional(z.object({ method: z.string(), capturesPerSec: summarySchema })),
      outboxOnly: z.optional(z.object({ method: z.string(), capturesPerSec: summarySchema })),
      requestsOnly: z.optional(z.object({ method: z.string(), capturesPerSec: summarySchema })),
    }),
  ),
  lookup: z.optional(
    z.object({
      method: z.string(),
      sizes: z.array(lookupSizeSchema),
      /** median at the largest history / median at the smallest, per operation. */
      ratios: z.record(z.string(), z.number()),
    }),
  ),
  /** A measurement that could not run: its name and why. */
  errors: z.record(z.string(), z.string()),
});

export type BenchReport = z.infer<typeof benchReportSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type LookupSize = z.infer<typeof lookupSizeSchema>;

export const reportPath = (root = process.cwd()) => join(root, REPORT_FILE);

export function writeReport(report: BenchReport, file = reportPath()): void {
  writeFileSync(file, `${JSON.stringify(benchReportSchema.parse(report), null, 2)}\n`);
}

export function readReport(file = reportPath()): BenchReport {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`No ${file}: run \`npm run bench\` first.`);
  }
  const parsed = benchReportSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`${file} does not match the bench report schema: ${parsed.error.message}`);
  return parsed.data;
}
