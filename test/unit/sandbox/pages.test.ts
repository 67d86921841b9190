// The test pages carry the metadata the capture reads, on a port of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, startPages, type PagesServer } from '../../sandbox/pages';

let pages: PagesServer;
beforeAll(async () => {
  pages = await startPages({ port: 0 });
});
afterAll(() => pages.close());

async function html(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${pages.url}${path}`);
  return { status: response.status, text: await response.text() };
}

describe('test pages', () => {
  it('serves on 127.0.0.1', () => {
    expect(pages.url).toBe(`http://127.0.0.1:${pages.port}`);
  });

  it('article.html has title, canonical on the same server, Open Graph, description, favicon, lang and the target link', async () => {
    const { status, text } = await html('/article.html');
    expect(status).toBe(200);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain(`<title>${ARTICLE.title}</title>`);
    expect(text).toContain(`<link rel="canonical" href="${pages.url}${ARTICLE.canonicalPath}">`);
    for (const property of ['og:title', 'og:description', 'og:site_name', 'og:image']) expect(text).toContain(`property="${property}"`);
    expect(text).toContain('<meta name="description"');
    expect(text).toMatch(/<link rel="icon" href="\/favicon.png"/);
    expect(text).toContain('<a id="target-link" href="/target.html">Target page</a>');
    expect((await html(ARTICLE.canonicalPath)).status).toBe(200);
    expect((await fetch(`${pages.url}/favicon.png`)).headers.get('content-type')).toBe('image/png');
  });

  it('serves target.html, plain.html without metadata, and /page/N.html titled "Page N"', async () => {
    expect((await html('/target.html')).text).toContain('<title>Target page</title>');
    const plain = await html('/plain.html');
    expect(plain.status).toBe(200);
    expect(plain.text).not.toMatch(/<title|<meta|lang=/);
    expect((await html('/page/17.html')).text).toContain('<title>Page 17</title>');
    expect((await html('/missing.html')).status).toBe(404);
  });
});
