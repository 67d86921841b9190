// Owns watching one request of the page's own in webRequest, so "Check connection" can tell DNS from refused from a
// certificate error (fetch says only "TypeError") and read a redirect's Location (fetch never follows one).
import { browser } from 'wxt/browser';
import type { RequestWatch } from '../destination-checks';
import type { SeenRequest } from '../connection-causes';

/**
 * The browser reports a request's end to the extension apart from fetch's own settling, so either can come first;
 * this is how long `seen()` waits for it after fetch settled. Past it, the cause stays unnamed, never wrong.
 */
const REPORT_GRACE_MS = 2_000;

const sameRequest = (a: string, b: string) => URL.canParse(a) && URL.canParse(b) && new URL(a).href === new URL(b).href;

export async function watchRequest(url: string): Promise<RequestWatch> {
  const webRequest = browser.webRequest as typeof browser.webRequest | undefined;
  if (!webRequest) return { seen: async () => ({}), stop: () => undefined };
  const seen: SeenRequest = {};
  let ended: () => void = () => undefined;
  const end = new Promise<void>((resolve) => (ended = resolve));
  // Patterns cannot name a port in every browser: the filter narrows to the host, the URL check to this request.
  const { protocol, hostname } = new URL(url);
  const filter = { urls: [`${protocol}//${hostname}/*`] };

  const onError = (details: { url: string; error: string }) => {
    if (!sameRequest(details.url, url)) return;
    seen.error = details.error;
    ended();
  };
  // Returns nothing: a listener without 'blocking' only observes.
  const onHeaders = (details: { url: string; statusCode: number; responseHeaders?: { name: string; value?: string }[] }): undefined => {
    if (!sameRequest(details.url, url)) return undefined;
    const location = details.responseHeaders?.find((header) => header.name.toLowerCase() === 'location')?.value;
    if (location !== undefined) seen.location = location;
    if (details.statusCode >= 300 && details.statusCode < 400) ended();
    return undefined;
  };
  const onCompleted = (details: { url: string }) => {
    if (sameRequest(details.url, url)) ended();
  };
  webRequest.onErrorOccurred.addListener(onError, filter);
  webRequest.onHeadersReceived.addListener(onHeaders, filter, ['responseHeaders']);
  webRequest.onCompleted.addListener(onCompleted, filter);
  // addListener only sends the registration to the browser process and returns; a request that starts before it
  // lands is not reported to this listener. The answer to a later extension call comes after the registration went.
  await browser.runtime.getPlatformInfo();

  return {
    async seen() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([end, new Promise<void>((resolve) => (timer = setTimeout(resolve, REPORT_GRACE_MS)))]);
      clearTimeout(timer);
      return { ...seen };
    },
    stop() {
      webRequest.onErrorOccurred.removeListener(onError);
      webRequest.onHeadersReceived.removeListener(onHeaders);
      webRequest.onCompleted.removeListener(onCompleted);
    },
  };
}
