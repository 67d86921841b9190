// Functions the e2e tests evaluate inside extension pages and the worker use the `chrome` global.
declare const chrome: typeof import('@wxt-dev/browser').Browser;
