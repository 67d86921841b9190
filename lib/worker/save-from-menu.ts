// Owns a context-menu save: the clicked target becomes a capture for the chosen (or default) destination.
import type { CaptureInput } from '../capture';
import { fail, keeplinkError, type Result } from '../errors';
import { captureInputFromMenu, type MenuClickFacts, type TabFacts } from '../menu-capture';
import type { EnqueueResult, Outbox } from '../outbox/outbox';
import { prepareCapture } from '../prepare-capture';
import type { Destination } from '../providers';
import { defaultDestination, type Preferences } from '../settings';
import { isScriptablePage } from '../web-url';
import { parseMenuId } from './menu-plan';

export interface Settings {
  destinations: Destination[];
  preferences: Preferences;
}

export interface SaveDeps {
  loadSettings(): Promise<Settings>;
  outbox: Pick<Outbox, 'enqueue'>;
  requestFlush(): void;
}

export interface MenuSaveDeps extends SaveDeps {
  /** Chrome has no linkText in click data; this reads it from the page. */
  readLinkText(tabId: number, frameId: number | undefined, linkUrl: string): Promise<string | undefined>;
}

export interface MenuClick extends MenuClickFacts {
  menuItemId: string | number;
  frameId?: number | undefined;
  frameUrl?: string | undefined;
}

export type SavedCapture = EnqueueResult & { destination: Destination };

/** Validates against the destination, enqueues, and asks for a flush: the one path of menus and shortcuts. */
export async function saveInput(
  pick: (settings: Settings) => Destination | undefined,
  makeInput: (destinationId: string) => CaptureInput | Promise<CaptureInput>,
  deps: SaveDeps,
): Promise<Result<SavedCapture>> {
  const settings = await deps.loadSettings();
  const destination = pick(settings);
  if (!destination) return fail(keeplinkError('destination-missing'));
  const prepared = prepareCapture(await makeInput(destination.id), destination, { stripTracking: settings.preferences.stripTracking });
  if (!prepared.ok) return prepared;
  const queued = await deps.outbox.enqueue(prepared.value);
  if (!queued.ok) return queued;
  deps.requestFlush();
  return { ok: true, value: { ...queued.value, destination } };
}

export async function saveFromMenu(click: MenuClick, tab: (TabFacts & { id?: number | undefined }) | undefined, deps: MenuSaveDeps): Promise<Result<SavedCapture>> {
  const target = parseMenuId(click.menuItemId);
  if (!target) return fail(keeplinkError('field-invalid', { details: { menuItemId: String(click.menuItemId) } }));
  const pick = ({ destinations, preferences }: Settings) =>
    target.destinationId ? destinations.find((d) => d.id === target.destinationId) : defaultDestination(destinations, preferences);
  return saveInput(
    pick,
    async (destinationId) => {
      let facts: MenuClickFacts = click;
      // The link's text is read by scripting its frame, which only a web page allows.
      if (target.kind === 'link' && click.linkUrl && !click.linkText && tab?.id !== undefined && isScriptablePage(click.frameUrl ?? click.pageUrl)) {
        facts = { ...click, linkText: await deps.readLinkText(tab.id, click.frameId, click.linkUrl) };
      }
      return captureInputFromMenu(target.kind, facts, tab, destinationId);
    },
    deps,
  );
}
