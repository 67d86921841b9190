// The browser's own promise-based API (MV3 `chrome`, Firefox `browser`) without webextension-polyfill.
// Only the popup's first load uses it: every call it makes returns a promise natively in Chrome MV3
// and Firefox, so the polyfill's ~3.5 KB gzip would buy nothing there but a slower first paint.
export { browser } from '@wxt-dev/browser';
