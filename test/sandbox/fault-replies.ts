// The bodies of faults that are not an API's own answer: a captive portal page, broken JSON, a redirect.

/** What a hotel Wi-Fi or corporate proxy answers instead of the API. */
export const CAPTIVE_PORTAL_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to the network</title></head>
<body><h1>Welcome to Sandbox Wi-Fi</h1><p>Accept the terms to continue.</p>
<form method="post" action="/captive-portal"><button>Connect</button></form></body></html>
`;

/** Where the redirect fault points; the sandbox serves the portal page there. */
export const CAPTIVE_PORTAL_PATH = '/captive-portal';

/** A JSON document cut off half-way, as a truncating proxy would deliver it. */
export const MALFORMED_JSON = '{"id": "5f2b8c1e-0d4a-4b7e-9c3f-1a2b3c4d5e6f", "knowledgeId": ';

/** Another origin on the same machine: http://localhost:PORT is not http://127.0.0.1:PORT. */
export function redirectLocation(origin: string): string {
  const url = new URL(origin);
  url.hostname = 'localhost';
  url.pathname = CAPTIVE_PORTAL_PATH;
  return url.href;
}
