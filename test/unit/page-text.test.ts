// Page text made inert: control and bidi characters never survive, line breaks only where a field has lines.
import { describe, expect, it } from 'vitest';
import { cleanPageText } from '../../lib/page-text';

/** Every character the sanitiser must remove: C0 (but tab, LF, CR), DEL, C1, bidi embeddings, overrides, isolates, marks. */
const HOSTILE_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
];

describe('cleanPageText', () => {
  it('removes every control and bidi character from a one-line field', () => {
    expect(cleanPageText(`Invoice${HOSTILE_CHARS.join('')}fdp.exe`)).toBe('Invoicefdp.exe');
    expect(cleanPageText('\u202Ecod.exe\u202C')).toBe('cod.exe');
  });

  it('folds tabs and line breaks of a one-line field into single spaces', () => {
    expect(cleanPageText(' a\t\tb\r\nc\u2028d ')).toBe('a b c d');
  });

  it('keeps the lines and tabs of a multiline field, with CR LF made LF, and still removes the rest', () => {
    expect(cleanPageText(' one\r\ntwo\rthree\tfour\u0007\u202E ', { multiline: true })).toBe('one\ntwo\nthree\tfour');
  });

  it('leaves ordinary text of any script alone', () => {
    expect(cleanPageText('Grüße — שלום — مرحبا — 日本語')).toBe('Grüße — שלום — مرحبا — 日本語');
  });
});
