import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../lib/outbox/outbox';
import { saveCapture, saveCaptures } from '../../lib/save-capture';
import { destinations as fixtures } from '../contracts/fixtures';

const settings = { destinations: [fixtures.sharely, fixtures.shortpen], preferences: { stripTracking: true } };
const input = (url: string, destinationId: string, title = 'A page') => ({ page: { url, title }, source: 'bulk' as const, destinationId });

describe('the one save path', () => {
  it('reports each rejected input with its reason, stores the rest in one transaction, and asks for one flush', async () => {
    const outbox = createOutbox();
    const enqueueMany = vi.spyOn(outbox, 'enqueueMany');
    const requestFlush = vi.fn();
    const report = await saveCaptures(
      [
        input('https://a.test/one?utm_source=x', fixtures.sharely.id),
        input('https://a.test/two', 'gone'),
        input('chrome://settings', fixtures.shortpen.id),
        input('https://a.test/three', fixtures.shortpen.id),
      ],
      settings,
      { outbox, requestFlush },
    );
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.rejected.map(({ index, error }) => [index, error.code])).toEqual([
      [1, 'destination-missing'],
      [2, 'url-not-web'],
    ]);
    expect(report.value.saved.map((s) => [s.record.capture.page.url, s.destination.id])).toEqual([
      ['https://a.test/one', fixtures.sharely.id],
      ['https://a.test/three', fixtures.shortpen.id],
    ]);
    expect(enqueueMany).toHaveBeenCalledOnce();
    expect(requestFlush).toHaveBeenCalledOnce();
    expect(await outbox.countUndelivered()).toBe(2);
  });

  it('writes nothing and asks for no flush when every input is rejected; one capture fails with its own reason', async () => {
    const outbox = createOutbox();
    const requestFlush = vi.fn();
    const saved = await saveCapture(input('javascript:alert(1)', fixtures.sharely.id), settings, { outbox, requestFlush });
    expect(saved).toMatchObject({ ok: false, error: { code: 'url-not-web' } });
    expect(requestFlush).not.toHaveBeenCalled();
    expect(await outbox.countUndelivered()).toBe(0);
  });
});
