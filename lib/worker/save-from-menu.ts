// Owns a context-menu save: the clicked link (or page) becomes a capture for the default destination.
import type { Result } from '../errors';
import { fail, keeplinkError } from '../errors';
import { captureInputFromMenu, type MenuClickFacts, type TabFacts } from '../menu-capture';
import type { EnqueueResult, Outbox } from '../outbox/outbox';
import { prepareCapture } from '../prepare-capture';
import type { Destination } from '../providers';
import { defaultDestination, type Preferences } from '../settings';

export interface MenuSaveDeps {
  loadSettings(): Promise<{ destinations: Destination[]; preferences: Preferences }>;
  /** Chrome has no linkText in click data; this reads it from the page. */
  readLinkText(tabId: number, frameId: number | undefined, linkUrl: string): Promise<string | undefined>;
  outbox: Pick<Outbox, 'enqueue'>;
  requestFlush(): void;
}

export interface MenuClick extends MenuClickFacts {
  frameId?: number | undefined;
}

export async function saveFromMenu(click: MenuClick, tab: (TabFacts & { id?: number | undefined }) | undefined, deps: MenuSaveDeps): Promise<Result<EnqueueResult>> {
  const { destinations, preferences } = await deps.loadSettings();
  const destination = defaultDestination(destinations, preferences);
  if (!destination) return fail(keeplinkError('destination-missing'));
  let facts = click;
  if (click.linkUrl && !click.linkText && tab?.id !== undefined) {
    facts = { ...click, linkText: await deps.readLinkText(tab.id, click.frameId, click.linkUrl) };
  }
  const input = captureInputFromMenu(facts, tab, destination.id);
  const prepared = prepareCapture(input, destination, { stripTracking: preferences.stripTracking });
  if (!prepared.ok) return prepared;
  const queued = await deps.outbox.enqueue(prepared.value);
  if (queued.ok) deps.requestFlush();
  return queued;
}
