// Fault plans: explicit rules ("the next N requests get mode X") and a seeded chaos plan.
import type { ProviderId } from '../../lib/providers/types';
import { z } from '../../lib/zod';
import { SANDBOX_PROVIDERS } from './ids';
import { createRandom, type Random } from './prng';

export const FAULT_MODES = [
  'down',
  '500',
  '503',
  '429',
  'slow',
  'html',
  'malformed',
  'status',
  'drop-after-commit',
  'redirect',
  'success-false',
] as const;

const providerSchema = z.enum(SANDBOX_PROVIDERS as [ProviderId, ...ProviderId[]]);
const faultModeSchema = z.enum(FAULT_MODES);
const delaySchema = z.int().check(z.gte(0), z.lte(120_000));
const statusSchema = z.int().check(z.gte(300), z.lte(599));

export const faultRuleSchema = z.object({
  /** Omitted: every provider. */
  provider: z.optional(providerSchema),
  mode: faultModeSchema,
  /** How many of the next matching requests get the fault; omitted: until cleared. */
  count: z.optional(z.int().check(z.gte(1))),
  retryAfter: z.optional(z.string()),
  delayMs: z.optional(delaySchema),
  status: z.optional(statusSchema),
  code: z.optional(z.string().check(z.minLength(1))),
  message: z.optional(z.string()),
});

export const chaosPlanSchema = z.object({
  seed: z.int(),
  /** Share of requests that get a fault, 0..1. */
  rate: z.number().check(z.gte(0), z.lte(1)),
  /** Drawn uniformly; list a mode more than once to make it more likely. */
  modes: z.array(faultModeSchema).check(z.minLength(1)),
  retryAfter: z.optional(z.string()),
  /** The modes whose answers carry `retryAfter`; omitted: every mode that answers with a status. */
  retryAfterModes: z.optional(z.array(faultModeSchema)),
  delayMs: z.optional(delaySchema),
  status: z.optional(statusSchema),
  code: z.optional(z.string().check(z.minLength(1))),
});

export type FaultMode = z.infer<typeof faultModeSchema>;
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type ChaosPlan = z.infer<typeof chaosPlanSchema>;

/** The fault one request gets. */
export interface Fault {
  mode: FaultMode;
  source: 'rule' | 'chaos';
  retryAfter?: string;
  delayMs: number;
  status?: number;
  code?: string;
  message?: string;
}

export const DEFAULT_SLOW_MS = 2_000;

/** `success-false` is ShortPen's own failure shape; no other API has it. */
export function faultApplies(mode: FaultMode, provider: ProviderId): boolean {
  return mode !== 'success-false' || provider === 'shortpen';
}

/** Why a rule or plan cannot work, or undefined when it can. */
export function faultProblem(fault: FaultRule | ChaosPlan): string | undefined {
  const modes = 'modes' in fault ? fault.modes : [fault.mode];
  const provider = 'provider' in fault ? fault.provider : undefined;
  if (provider && modes.some((mode) => !faultApplies(mode, provider))) return 'mode success-false exists only for shortpen';
  if (modes.includes('status') && fault.status === undefined && fault.code === undefined) return 'mode status needs status or code';
  return undefined;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number | undefined;
}

export class FaultPlan {
  private rules: ActiveRule[] = [];
  private chaos: { plan: ChaosPlan; random: Random } | undefined;

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.count });
  }

  setChaos(plan: ChaosPlan): void {
    this.chaos = { plan, random: createRandom(plan.seed) };
  }

  clearChaos(): void {
    this.chaos = undefined;
  }

  clear(): void {
    this.rules = [];
    this.chaos = undefined;
  }

  describe(): { rules: (FaultRule & { remaining?: number })[]; chaos?: ChaosPlan } {
    return {
      rules: this.rules.map(({ rule, remaining }) => (remaining === undefined ? { ...rule } : { ...rule, remaining })),
      ...(this.chaos ? { chaos: this.chaos.plan } : {}),
    };
  }

  /** A server that is down is down for every path, not only the create endpoint. */
  isDown(provider: ProviderId): boolean {
    return this.rules.some(({ rule }) => rule.mode === 'down' && rule.count === undefined && (!rule.provider || rule.provider === provider));
  }

  /**
   * Picks the fault for the next arriving request. Explicit rules win, in the order they were
   * added. The chaos plan draws two numbers for every request, faulted or not, so its choices
   * depend only on the arrival order.
   */
  take(provider: ProviderId): Fault | undefined {
    const chaosFault = this.drawChaos(provider);
    const index = this.rules.findIndex(({ rule }) => (!rule.provider || rule.provider === provider) && faultApplies(rule.mode, provider));
    const active = index >= 0 ? this.rules[index] : undefined;
    if (!active) return chaosFault;
    if (active.remaining !== undefined) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules.splice(index, 1);
    }
    const { rule } = active;
    return {
      mode: rule.mode,
      source: 'rule',
      delayMs: rule.delayMs ?? DEFAULT_SLOW_MS,
      ...(rule.retryAfter !== undefined ? { retryAfter: rule.retryAfter } : {}),
      ...(rule.status !== undefined ? { status: rule.status } : {}),
      ...(rule.code !== undefined ? { code: rule.code } : {}),
      ...(rule.message !== undefined ? { message: rule.message } : {}),
    };
  }

  private drawChaos(provider: ProviderId): Fault | undefined {
    if (!this.chaos) return undefined;
    const { plan, random } = this.chaos;
    const hit = random.next() < plan.rate;
    const pick = random.next();
    const modes = plan.modes.filter((mode) => faultApplies(mode, provider));
    const mode = modes[Math.floor(pick * modes.length)];
    if (!hit || !mode) return undefined;
    return {
      mode,
      source: 'chaos',
      delayMs: plan.delayMs ?? DEFAULT_SLOW_MS,
      ...(plan.retryAfter !== undefined && (plan.retryAfterModes?.includes(mode) ?? true) ? { retryAfter: plan.retryAfter } : {}),
      ...(plan.status !== undefined ? { status: plan.status } : {}),
      ...(plan.code !== undefined ? { code: plan.code } : {}),
    };
  }
}
