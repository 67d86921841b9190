// Small real HTML pages for the browser tests, served on 127.0.0.1 on a port of their own.
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './http';

export interface PagesOptions {
  /** 0 or omitted: an ephemeral port. */
  port?: number;
}

export interface PagesServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A 1×1 PNG, used as favicon and og:image. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/ErzWWQAAAABJRU5ErkJggg==', 'base64');

export const ARTICLE = {
  title: 'Offline-first capture, explained',
  description: 'How a durable outbox keeps every saved link, even when the server is down.',
  ogTitle: 'Offline-first capture (Open Graph title)',
  ogDescription: 'A short guide to outboxes, leases and retries.',
  siteName: 'Keeplink Test Pages',
  canonicalPath: '/articles/offline-first-capture',
  text: 'An outbox stores the intent first and sends it later, so pressing Save never loses a link.',
} as const;

/** A page whose link text differs from the target's own title, and a paragraph to select. */
export const READING_LIST = {
  path: '/reading-list.html',
  title: 'Reading list',
  linkText: 'Read the outbox guide',
  linkPath: '/target.html?from=reading-list',
  quote: 'Every capture is written to the outbox before anything is sent.',
} as const;

/**
 * A page that tries to slip data past the user: control and bidi characters in its title, description, lang
 * and link text, userinfo in its canonical, image and link URLs, and a script-set selection of off-screen text.
 */
export const HOSTILE = {
  path: '/hostile.html',
  title: 'Invoice \u202Egnp.exe\u202C\u2066 ready\u2069',
  /** The title once its bidi characters are gone. */
  cleanTitle: 'Invoice gnp.exe ready',
  description: 'Pay\u0007 now\u202E\u0085 or\u001B[2J lose\u200F it\u061C',
  cleanDescription: 'Pay now or[2J lose it',
  lang: 'en\u202E\u0000\u0007',
  siteName: 'Bank\u2067 of\u009B trust',
  cleanSiteName: 'Bank of trust',
  linkText: 'Open \u202Etxt.exe',
  cleanLinkText: 'Open txt.exe',
  userinfo: 'mallory:hunter2',
  canonicalPath: '/hostile-canonical',
  hiddenSelection: 'HIDDEN-SELECTION-7f3a the page chose this, not the user',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function articlePage(origin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${ARTICLE.title}</title>
<link rel="canonical" href="${origin}${ARTICLE.canonicalPath}">
<meta name="description" content="${ARTICLE.description}">
<meta property="og:title" content="${ARTICLE.ogTitle}">
<meta property="og:description" content="${ARTICLE.ogDescription}">
<meta property="og:site_name" content="${ARTICLE.siteName}">
<meta property="og:image" content="${origin}/images/cover.png">
<link rel="icon" href="/favicon.png" type="image/png">
</head>
<body>
<h1>${ARTICLE.title}</h1>
<p>${ARTICLE.text}</p>
<p><a id="target-link" href="/target.html">Target page</a></p>
</body>
</html>
`;
}

function readingListPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${READING_LIST.title}</title></head>
<body>
<h1>${READING_LIST.title}</h1>
<p id="quote">${READING_LIST.quote}</p>
<ul><li><a id="guide-link" href="${READING_LIST.linkPath}">${READING_LIST.linkText}</a></li></ul>
</body>
</html>
`;
}

function hostilePage(origin: string): string {
  const withUserinfo = origin.replace('://', `://${HOSTILE.userinfo}@`);
  // Control characters go in through the DOM: the HTML parser would turn some of them into other characters.
  const script = `
document.title = ${JSON.stringify(HOSTILE.title)};
document.documentElement.lang = ${JSON.stringify(HOSTILE.lang)};
document.querySelector('meta[name="description"]').setAttribute('content', ${JSON.stringify(HOSTILE.description)});
document.querySelector('meta[property="og:site_name"]').setAttribute('content', ${JSON.stringify(HOSTILE.siteName)});
document.getElementById('evil-link').textContent = ${JSON.stringify(HOSTILE.linkText)};
const range = document.createRange();
range.selectNodeContents(document.getElementById('hidden'));
getSelection().removeAllRanges();
getSelection().addRange(range);`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>placeholder</title>
<link rel="canonical" href="${withUserinfo}${HOSTILE.canonicalPath}">
<meta name="description" content="">
<meta property="og:site_name" content="">
<meta property="og:image" content="${withUserinfo}/images/cover.png">
</head>
<body>
<h1>Nothing to see here</h1>
<p><a id="evil-link" href="${withUserinfo}/target.html">link</a></p>
<div id="hidden" style="position:absolute;left:-10000px;top:0">${escapeHtml(HOSTILE.hiddenSelection)}</div>
<script>${script}</script>
</body>
</html>
`;
}

function simplePage(title: string, text: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body>
</html>
`;
}

/** No title, no language, no metadata: what the capture falls back from. */
const PLAIN_PAGE = '<!doctype html>\n<html><body><p>A page with no metadata at all.</p></body></html>\n';

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

function servePage(origin: string, pathname: string, res: ServerResponse, head: boolean): void {
  const html = 'text/html; charset=utf-8';
  const numbered = /^\/page\/([A-Za-z0-9_-]+)\.html\/?$/.exec(pathname);
  if (numbered?.[1] !== undefined) return send(res, 200, html, simplePage(`Page ${numbered[1]}`, `This is test page ${numbered[1]}.`), head);
  switch (pathname) {
    case '/article.html':
      return send(res, 200, html, articlePage(origin), head);
    case ARTICLE.canonicalPath:
      return send(res, 200, html, simplePage(ARTICLE.title, ARTICLE.text), head);
    case READING_LIST.path:
      return send(res, 200, html, readingListPage(), head);
    case HOSTILE.path:
      return send(res, 200, html, hostilePage(origin), head);
    case '/target.html':
      return send(res, 200, html, simplePage('Target page', 'You followed the target link.'), head);
    case '/plain.html':
      return send(res, 200, html, PLAIN_PAGE, head);
    case '/favicon.png':
    case '/favicon.ico':
    case '/images/cover.png':
      return send(res, 200, 'image/png', PIXEL_PNG, head);
    default:
      return send(res, 404, html, simplePage('Not found', `Nothing at ${pathname}.`), head);
  }
}

export async function startPages(options: PagesOptions = {}): Promise<PagesServer> {
  let origin = '';
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    servePage(origin, new URL(req.url ?? '/', origin).pathname, res, method === 'HEAD');
  });
  const port = await listenOnLoopback(server, options.port);
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
