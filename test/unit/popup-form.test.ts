import { describe, expect, it } from 'vitest';
import { addTag, captureInputFromForm, newPopupForm, parseTags, summarizeDestinations, topTags, type PopupForm } from '../../lib/popup-form';

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

  it('adds ShortPen options only for ShortPen, leaving blank UTM fields out', () => {
    expect(captureInputFromForm(form, 'shortpen').options).toEqual({ customSlug: 'slug', utm: { source: 'news', campaign: 'spring' }, qr: true });
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
