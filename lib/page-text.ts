// Owns making page-supplied text inert: no control characters and no bidi controls, so a page can neither hide
// nor reorder what the user sees and what a server stores. Schema-free: the popup's first load uses it.

// C0 and C1 controls and DEL; tab, line feed and carriage return are whitespace, handled per field below.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks LRM, RLM and ALM.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Page text without control or bidi characters, trimmed. A one-line field (title, description, lang, site name,
 * link text) has every run of whitespace folded into one space; a multiline one (a selection, which becomes a
 * quoted note) keeps its line breaks and tabs, with CR LF and CR made LF.
 */
export function cleanPageText(value: string, options: { multiline?: boolean } = {}): string {
  const inert = value.replace(CONTROLS, '').replace(BIDI_CONTROLS, '');
  if (!options.multiline) return inert.replace(/\s+/g, ' ').trim();
  return inert.replace(/\r\n?/g, '\n').trim();
}
