// Owns masking a destination's API key in anything a server sent back, before it is shown or stored.
import type { KeeplinkError } from './errors';
import type { DeliveryResult, Outcome } from './providers/types';

export const KEY_MASK = '***';

// Shorter "keys" would mask ordinary words and digits in every message.
const MIN_KEY_LENGTH = 4;

/**
 * The text with every copy of the key masked, raw or URL-encoded. Server messages are cut to a maximum
 * length, so a key cut off at the end is masked too: its first characters alone are already a leak.
 */
export function redactText(text: string, secret: string): string {
  const key = secret.trim();
  if (key.length < MIN_KEY_LENGTH) return text;
  let out = text;
  for (const form of new Set([key, encodeURIComponent(key)])) out = out.split(form).join(KEY_MASK);
  for (let length = key.length - 1; length >= MIN_KEY_LENGTH; length--) {
    if (out.endsWith(key.slice(0, length))) return `${out.slice(0, out.length - length)}${KEY_MASK}`;
  }
  return out;
}

export function redactError(error: KeeplinkError, secret: string): KeeplinkError {
  const out: KeeplinkError = { ...error };
  if (error.serverMessage !== undefined) out.serverMessage = redactText(error.serverMessage, secret);
  if (error.serverCode !== undefined) out.serverCode = redactText(error.serverCode, secret);
  if (error.details) {
    out.details = Object.fromEntries(Object.entries(error.details).map(([name, value]) => [name, typeof value === 'string' ? redactText(value, secret) : value]));
  }
  return out;
}

function redactResult(result: DeliveryResult, secret: string): DeliveryResult {
  const out: DeliveryResult = { ...result };
  if (result.id !== undefined) out.id = redactText(result.id, secret);
  if (result.link !== undefined) out.link = redactText(result.link, secret);
  if (result.extra) out.extra = Object.fromEntries(Object.entries(result.extra).map(([name, value]) => [name, redactText(value, secret)]));
  return out;
}

/** The one redaction every path applies to a server's answer: the flush, "Check connection" and "Send test link". */
export function redactOutcome(outcome: Outcome, secret: string): Outcome {
  if (outcome.kind === 'synced') {
    const result = redactResult(outcome.result, secret);
    return outcome.warning ? { ...outcome, result, warning: redactError(outcome.warning, secret) } : { ...outcome, result };
  }
  return { ...outcome, error: redactError(outcome.error, secret) };
}
