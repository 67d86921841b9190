// Owns the one save path of every entry point (popup, context menu, shortcut, save all tabs): each input is
// prepared for its destination, all are enqueued in one transaction, then a flush is asked for.
import type { Capture, CaptureInput } from './capture';
import { fail, keeplinkError, ok, type KeeplinkError, type Result } from './errors';
import type { EnqueueResult, Outbox } from './outbox/outbox';
import { prepareCapture } from './prepare-capture';
import type { Destination } from './providers';
import type { Preferences } from './settings';

export interface SaveSettings {
  destinations: readonly Destination[];
  preferences: Pick<Preferences, 'stripTracking'>;
}

export interface SaveCaptureDeps {
  outbox: Pick<Outbox, 'enqueueMany'>;
  /** Best effort: what was saved is durable already. */
  requestFlush(): void;
}

export type SavedCapture = EnqueueResult & { destination: Destination };

export interface SaveReport {
  /** In input order, leaving out the rejected ones; a page already pending comes back with duplicateOf. */
  saved: SavedCapture[];
  /** Inputs that no destination would accept as they are, with the reason (at its field where there is one). */
  rejected: { index: number; error: KeeplinkError }[];
}

/** Saves many captures at once: the rejected ones are reported, the rest stored all or nothing. */
export async function saveCaptures(inputs: readonly CaptureInput[], settings: SaveSettings, deps: SaveCaptureDeps): Promise<Result<SaveReport>> {
  const accepted: { capture: Capture; destination: Destination }[] = [];
  const rejected: SaveReport['rejected'] = [];
  inputs.forEach((input, index) => {
    const destination = settings.destinations.find((d) => d.id === input.destinationId);
    if (!destination) return void rejected.push({ index, error: keeplinkError('destination-missing') });
    const prepared = prepareCapture(input, destination, { stripTracking: settings.preferences.stripTracking });
    if (prepared.ok) accepted.push({ capture: prepared.value, destination });
    else rejected.push({ index, error: prepared.error });
  });
  if (accepted.length === 0) return ok({ saved: [], rejected });
  const queued = await deps.outbox.enqueueMany(accepted.map((entry) => entry.capture));
  if (!queued.ok) return queued;
  deps.requestFlush();
  return ok({ saved: queued.value.map((entry, i) => ({ ...entry, destination: accepted[i]!.destination })), rejected });
}

/** Saves one capture: a rejection is the result's error. */
export async function saveCapture(input: CaptureInput, settings: SaveSettings, deps: SaveCaptureDeps): Promise<Result<SavedCapture>> {
  const report = await saveCaptures([input], settings, deps);
  if (!report.ok) return report;
  const [rejected] = report.value.rejected;
  if (rejected) return fail(rejected.error);
  return ok(report.value.saved[0]!);
}
