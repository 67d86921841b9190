import { describe, expect, it } from 'vitest';
import { buildCapture } from '../../lib/capture';
import { addTag, captureInputFromForm, metadataApplies, newPopupForm, parseTags, selectionNote, summarizeDestinations, topTags, type PopupForm } from '../../lib/popup-form';

const form: PopupForm = {
  title: 'T',
  url: 'https://e.com',
  destinationId: 'd1',
  note: 'n',
  tags: 'a, b, A,, c ',
  customSlug: ' slug ',
  utmSource: 'news',
  utmMedium: '',
  utmCampaign: 'spring',
  qr: true,
  categories: ' ticketing, crm ',
};

describe('popup form', () => {
  it('shows the tab title without control or bidi characters, as it will be sent', () => {
    expect(newPopupForm({ title: ' Re\u202Efdp.exe\u0000 ', url: 'https://e.com' }, 'd1').title).toBe('Refdp.exe');
  });

  it('parses tags uniquely, case-insensitively, in order', () => {
    expect(parseTags('a, b, A,, c ')).toEqual(['a', 'b', 'c']);
    expect(parseTags('')).toEqual([]);
  });

  it('adds ShortPen options only for ShortPen; the capture has them trimmed, blank UTM fields left out', () => {
    const built = buildCapture(captureInputFromForm(form, 'shortpen'));
    expect(built.ok && built.value.options).toEqual({ customSlug: 'slug', utm: { source: 'news', campaign: 'spring' }, qr: true });
    const blank = buildCapture(captureInputFromForm({ ...form, customSlug: '  ', utmSource: '', utmCampaign: ' ', qr: false }, 'shortpen'));
    expect(blank.ok && blank.value.options).toBeUndefined();
    expect(captureInputFromForm(form, 'sharely').options).toBeUndefined();
  });

  it('overrides Poozle categories per capture, upper-cased', () => {
    expect(captureInputFromForm(form, 'poozle').options).toEqual({ categories: ['TICKETING', 'CRM'] });
    expect(captureInputFromForm({ ...form, categories: '' }, 'poozle').options).toBeUndefined();
  });

  it('suggests the most used tags first and adds one without repeating it', () => {
    expect(topTags([['a', 'b'], ['B', 'c'], ['b']], 2)).toEqual(['b', 'a']);
    expect(addTag('x, y', 'Y')).toBe('x, y');
    expect(addTag('x', 'z')).toBe('x, z');
    expect(addTag('', 'z')).toBe('z');
  });

  it('summarizes only well-formed stored destinations', () => {
    expect(summarizeDestinations([{ id: 'a', name: 'A', provider: 'sharely', apiKey: 'k' }, { id: 1 }, null, 'x'])).toEqual([
      { id: 'a', name: 'A', provider: 'sharely' },
    ]);
    expect(summarizeDestinations(undefined)).toEqual([]);
  });
});

describe('page metadata in a popup capture', () => {
  const tabUrl = 'https://e.com/article';
  const meta = { canonicalUrl: 'https://e.com/canonical', description: 'About it', siteName: 'E', lang: 'en', selection: 'picked text' };
  const page = (changes: Partial<PopupForm>, from = meta) => captureInputFromForm({ ...form, url: tabUrl, note: '', ...changes }, 'sharely', from, tabUrl).page;

  it('goes with the tab’s own URL (userinfo and fragment aside) and with its canonical URL', () => {
    expect(page({})).toEqual({ url: tabUrl, title: 'T', canonicalUrl: meta.canonicalUrl, description: 'About it', siteName: 'E', lang: 'en' });
    expect(page({ url: meta.canonicalUrl })).toMatchObject({ description: 'About it' });
    expect(metadataApplies('https://u:p@e.com/article#part', tabUrl, meta)).toBe(true);
  });

  it('is not sent once the user typed another URL', () => {
    expect(page({ url: 'https://other.example/page' })).toEqual({ url: 'https://other.example/page', title: 'T' });
    expect(page({ url: 'https://e.com/article?x=1' })).toEqual({ url: 'https://e.com/article?x=1', title: 'T' });
    expect(metadataApplies('not a url', tabUrl, meta)).toBe(false);
  });

  it('carries the selection only while the note shows it quoted', () => {
    expect(page({})).not.toHaveProperty('selection');
    expect(page({ note: `${selectionNote(meta.selection)}\n\nmy words` })).toMatchObject({ selection: 'picked text' });
    expect(page({ note: '> picked' })).not.toHaveProperty('selection');
    expect(page({ url: 'https://other.example/', note: selectionNote(meta.selection) })).not.toHaveProperty('selection');
  });

  it('sends only the part of a long selection the quote shows', () => {
    const long = 'x'.repeat(9000);
    expect(page({ note: selectionNote(long) }, { ...meta, selection: long }).selection).toHaveLength(4000);
  });
});
