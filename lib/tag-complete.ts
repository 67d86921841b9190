// Owns completing the tag under the caret in a comma-separated Tags field, from the tags the user has used before.
// Schema-free and pure: the popup's Tags field calls it on every keystroke.

/** The comma-separated part of `value` that holds the caret: [start, end) and what is typed of it up to the caret. */
export function tagAt(value: string, caret: number): { start: number; end: number; typed: string } {
  const start = value.lastIndexOf(',', caret - 1) + 1;
  const comma = value.indexOf(',', caret);
  const end = comma < 0 ? value.length : comma;
  return { start, end, typed: value.slice(start, caret).trim() };
}

/**
 * Known tags (most used first) that complete what is typed at the caret: those that start with it before those that
 * only contain it, never one the field already has, nor the typed text itself. Nothing until a character is typed.
 */
export function tagCompletions(known: readonly string[], value: string, caret: number, limit = 6): string[] {
  const { start, end, typed } = tagAt(value, caret);
  const needle = typed.toLowerCase();
  if (!needle) return [];
  const others = new Set(
    `${value.slice(0, start)},${value.slice(end)}`
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean),
  );
  const open = known.filter((tag) => {
    const key = tag.toLowerCase();
    return key !== needle && !others.has(key) && key.includes(needle);
  });
  const starts = open.filter((tag) => tag.toLowerCase().startsWith(needle));
  const inside = open.filter((tag) => !tag.toLowerCase().startsWith(needle));
  return [...starts, ...inside].slice(0, limit);
}

/**
 * `tag` in place of the part at the caret. At the end of the field a ", " follows, so the next tag can be typed at
 * once; the caret goes after what was inserted.
 */
export function acceptTag(value: string, caret: number, tag: string): { value: string; caret: number } {
  const { start, end } = tagAt(value, caret);
  const before = value.slice(0, start);
  const after = value.slice(end);
  const inserted = `${start > 0 ? ' ' : ''}${tag}${after ? '' : ', '}`;
  return { value: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}

/** What the Tags field calls, loaded after first paint with the tags it completes. */
export interface TagCompleter {
  tagCompletions: typeof tagCompletions;
  acceptTag: typeof acceptTag;
}
