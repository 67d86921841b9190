// @vitest-environment happy-dom
// Firefox starts a download only from a link in the document: every download (History, settings, QR) goes through here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadHref, downloadText } from '../../../components/download';

describe('download', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clicks a link that is attached to the document, then removes it', () => {
    const clicks: { connected: boolean; href: string; name: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ connected: this.isConnected, href: this.href, name: this.download });
    });
    downloadHref('data:image/png;base64,AAAA', 'keeplink-qr.png');
    expect(clicks).toEqual([{ connected: true, href: 'data:image/png;base64,AAAA', name: 'keeplink-qr.png' }]);
    expect(document.querySelector('a')).toBeNull();
  });

  it('downloads text through an object URL', () => {
    const connected: boolean[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:keeplink/1');
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      connected.push(this.isConnected && this.href === 'blob:keeplink/1' && this.download === 'keeplink-settings.json');
    });
    downloadText('keeplink-settings.json', 'application/json', '{}');
    expect(connected).toEqual([true]);
  });
});
