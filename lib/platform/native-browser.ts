// Owns the one place that skips webextension-polyfill: the popup's tiny prefetch script, whose reads all
// return promises natively (Chrome MV3 and Firefox), so it loads no polyfill before the first paint.
import type { browser as polyfilled } from 'wxt/browser';

const scope = globalThis as unknown as { browser?: typeof polyfilled; chrome?: typeof polyfilled };

export const nativeBrowser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as typeof polyfilled;
