// Owns a context-menu save: the clicked target becomes a capture for the chosen (or default) destination.
import type { CaptureInput } from '../capture';
import { fail, keeplinkError, type Result } from '../errors';
import { captureInputFromMenu, withSelection, type CaptureWords, type MenuClickFacts, type TabFacts } from '../menu-capture';
import type { Outbox } from '../outbox/outbox';
import type { Destination } from '../providers';
import { saveCapture, type SavedCapture } from '../save-capture';
import { defaultDestination } from '../default-destination';
import type { Preferences } from '../settings';
import { isScriptablePage } from '../web-url';
import { parseMenuId } from './menu-plan';

export interface Settings {
  destinations: Destination[];
  preferences: Preferences;
}

export interface SaveDeps {
  loadSettings(): Promise<Settings>;
  outbox: Pick<Outbox, 'enqueueMany'>;
  requestFlush(): void;
}

export interface MenuSaveDeps extends SaveDeps {
  /** Chrome has no linkText in click data; this reads it from the page. */
  readLinkText(tabId: number, frameId: number | undefined, linkUrl: string): Promise<string | undefined>;
  readSelection: SelectionReader;
  words: CaptureWords;
}

/** Reads the page's selection (untrusted page data). */
export type SelectionReader = (tabId: number, pageUrl: string) => Promise<unknown>;

/** A page saved without the popup carries its selection only when the user turned "include selected text" on. */
export async function addSelectionIfWanted(input: CaptureInput, tabId: number | undefined, settings: Settings, read: SelectionReader): Promise<CaptureInput> {
  if (!settings.preferences.includeSelection || tabId === undefined) return input;
  return withSelection(input, await read(tabId, input.page.url));
}

export interface MenuClick extends MenuClickFacts {
  menuItemId: string | number;
  frameId?: number | undefined;
  frameUrl?: string | undefined;
}

/** Picks the destination, then takes the one save path (lib/save-capture): menus and the shortcut. */
export async function saveInput(
  pick: (settings: Settings) => Destination | undefined,
  makeInput: (destinationId: string, settings: Settings) => CaptureInput | Promise<CaptureInput>,
  deps: SaveDeps,
): Promise<Result<SavedCapture>> {
  const settings = await deps.loadSettings();
  const destination = pick(settings);
  if (!destination) return fail(keeplinkError('destination-missing'));
  return saveCapture(await makeInput(destination.id, settings), settings, deps);
}

export async function saveFromMenu(click: MenuClick, tab: (TabFacts & { id?: number | undefined }) | undefined, deps: MenuSaveDeps): Promise<Result<SavedCapture>> {
  const target = parseMenuId(click.menuItemId);
  if (!target) return fail(keeplinkError('field-invalid', { details: { menuItemId: String(click.menuItemId) } }));
  const pick = ({ destinations, preferences }: Settings) =>
    target.destinationId ? destinations.find((d) => d.id === target.destinationId) : defaultDestination(destinations, preferences);
  return saveInput(
    pick,
    async (destinationId, settings) => {
      let facts: MenuClickFacts = click;
      // The link's text is read by scripting its frame, which only a web page allows.
      if (target.kind === 'link' && click.linkUrl && !click.linkText && tab?.id !== undefined && isScriptablePage(click.frameUrl ?? click.pageUrl)) {
        facts = { ...click, linkText: await deps.readLinkText(tab.id, click.frameId, click.linkUrl) };
      }
      const input = captureInputFromMenu(target.kind, facts, tab, destinationId, deps.words);
      return target.kind === 'page' ? addSelectionIfWanted(input, tab?.id, settings, deps.readSelection) : input;
    },
    deps,
  );
}
