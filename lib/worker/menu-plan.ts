// Owns which context-menu items exist: one per target kind, each with a submenu per destination when there are several.

const MENU_KINDS = ['page', 'link', 'selection', 'image'] as const;
export type MenuKind = (typeof MENU_KINDS)[number];

export const SAVE_ALL_TABS = 'keeplink-save-all-tabs';

/** Message keys in public/_locales: lib/ names the words, lib/platform/menus.ts reads them in the user's language. */
export type MenuMessageKey = 'menuSavePage' | 'menuSaveLink' | 'menuSaveSelection' | 'menuSaveImage' | 'menuSaveAllTabs';

/** Our own items are localized; a destination's submenu item shows its name as the user typed it. */
export type MenuTitle = { key: MenuMessageKey } | { text: string };

export interface MenuItemPlan {
  id: string;
  parentId?: string;
  title: MenuTitle;
  contexts: ('page' | 'link' | 'selection' | 'image' | 'action')[];
}

const KINDS: { kind: MenuKind; title: MenuTitle }[] = [
  { kind: 'page', title: { key: 'menuSavePage' } },
  { kind: 'link', title: { key: 'menuSaveLink' } },
  { kind: 'selection', title: { key: 'menuSaveSelection' } },
  { kind: 'image', title: { key: 'menuSaveImage' } },
];

const menuId = (kind: MenuKind, destinationId?: string) => (destinationId ? `keeplink-${kind}:${destinationId}` : `keeplink-${kind}`);

export function planMenus(destinations: readonly { id: string; name: string }[]): MenuItemPlan[] {
  const items: MenuItemPlan[] = [];
  for (const { kind, title } of KINDS) {
    const parent: MenuItemPlan = { id: menuId(kind), title, contexts: [kind] };
    items.push(parent);
    if (destinations.length > 1) {
      for (const d of destinations) items.push({ id: menuId(kind, d.id), parentId: parent.id, title: { text: d.name }, contexts: [kind] });
    }
  }
  items.push({ id: SAVE_ALL_TABS, title: { key: 'menuSaveAllTabs' }, contexts: ['page', 'action'] });
  return items;
}

/** "keeplink-link:dest-2" → {kind: 'link', destinationId: 'dest-2'}; undefined for ids that are not ours. */
export function parseMenuId(id: string | number): { kind: MenuKind; destinationId?: string } | undefined {
  const match = /^keeplink-(page|link|selection|image)(?::(.+))?$/.exec(String(id));
  const kind = MENU_KINDS.find((candidate) => candidate === match?.[1]);
  if (!match || !kind) return undefined;
  const parsed: { kind: MenuKind; destinationId?: string } = { kind };
  if (match[2]) parsed.destinationId = match[2];
  return parsed;
}
