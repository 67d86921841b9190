import { describe, expect, it } from 'vitest';
import { prepareCapture, stripTrackingParams } from '../../lib/prepare-capture';
import { destinations } from '../contracts/fixtures';

describe('prepareCapture', () => {
  it('strips tracking parameters when asked, and keeps others', () => {
    expect(stripTrackingParams('https://e.com/a?utm_source=x&id=3&fbclid=abc#top')).toBe('https://e.com/a?id=3#top');
    expect(stripTrackingParams('https://e.com/a?id=3')).toBe('https://e.com/a?id=3');
  });

  it('reports a provider limit at its field before anything is queued', () => {
    const result = prepareCapture(
      { page: { url: 'https://e.com', title: 'T' }, source: 'popup', destinationId: 'x', note: 'n'.repeat(301) },
      destinations.shortpen,
      { stripTracking: true },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'field-too-long', field: 'note' });
  });

  it('gives a capture addressed to the destination', () => {
    const result = prepareCapture({ page: { url: 'https://e.com/?gclid=1', title: 'T' }, source: 'popup', destinationId: 'x' }, destinations.sharely, {
      stripTracking: true,
    });
    expect(result.ok && result.value.destinationId).toBe(destinations.sharely.id);
    expect(result.ok && result.value.page.url).toBe('https://e.com/');
  });
});
