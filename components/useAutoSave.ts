// One-click save: with "Save immediately when I open the popup", the popup saves by itself once the Undo window has
// passed. Until then nothing reaches the outbox (so nothing can be sent or counted), and the wait ends without a save
// on Undo, on the user's first edit (they are not done yet), or when the page turns out to be saved there already.
import { useEffect, useRef, useState } from 'preact/hooks';

export const POPUP_UNDO_MS = 5000;

/** Runs `run` after `ms` unless the returned cancel is called first. */
export type Schedule = (ms: number, run: () => void) => () => void;

/** Why the wait ended without a save; 'waiting' while Undo shows. */
export type AutoSaveState = 'waiting' | 'undone' | 'edited' | 'already-saved';

export function useAutoSave(enabled: boolean, schedule: Schedule, save: () => void) {
  const [state, setState] = useState<AutoSaveState | undefined>(enabled ? 'waiting' : undefined);
  const cancel = useRef<(() => void) | undefined>(undefined);
  const latestSave = useRef(save);
  latestSave.current = save;

  useEffect(() => {
    if (!enabled) return undefined;
    cancel.current = schedule(POPUP_UNDO_MS, () => {
      cancel.current = undefined;
      setState(undefined);
      latestSave.current();
    });
    return () => cancel.current?.();
  }, []);

  /**
   * Ends the wait without saving, and `why` is what the status says. Undefined means the user saves now themselves:
   * from then on the status is the save's, also after an earlier stop.
   */
  const stop = (why: AutoSaveState | undefined) => {
    if (cancel.current) {
      cancel.current();
      cancel.current = undefined;
      setState(why);
    } else if (why === undefined) setState(undefined);
  };
  return { state, stop };
}
