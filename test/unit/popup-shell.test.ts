// @vitest-environment happy-dom
// The popup's build step: popup.html carries the real form (prerendered), its CSS inline, and the popup builds alone.
import { screen } from '@testing-library/preact';
import type { IndexHtmlTransformContext, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { popupShellPlugin } from '../../build/popup-shell';
import config from '../../wxt.config';

type Handler = (html: string, ctx: IndexHtmlTransformContext) => Promise<string>;
const handler = (plugin: Plugin): Handler => (plugin.transformIndexHtml as unknown as { handler: Handler }).handler;

const BUILT_HEAD =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Keeplink</title>' +
  '<script type="module" crossorigin src="/chunks/popup-AAAAAAAA.js"></script>' +
  '<link rel="stylesheet" crossorigin href="/assets/popup-BBBBBBBB.css"></head>';
const BUILT = `${BUILT_HEAD}<body><div id="app"></div></body></html>`;
const CSS = '.popup{width:340px}';

function context(filename: string) {
  const bundle: Record<string, unknown> = { 'assets/popup-BBBBBBBB.css': { type: 'asset', fileName: 'assets/popup-BBBBBBBB.css', source: CSS } };
  return { ctx: { path: '/', filename, bundle } as unknown as IndexHtmlTransformContext, bundle };
}

describe('the prerendered popup shell', () => {
  it('puts the real form in popup.html with its CSS inline: Title, URL, Destination, Note, Tags and a Save that waits for the script', async () => {
    const { ctx, bundle } = context('/repo/entrypoints/popup/index.html');
    const html = await handler(popupShellPlugin())(BUILT, ctx);

    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    expect(html).toContain(`<style>${CSS}</style>`);
    expect(bundle).not.toHaveProperty('assets/popup-BBBBBBBB.css');
    expect(html.match(/<script[^>]*src=/g)).toHaveLength(1);

    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    for (const name of ['Title', 'URL', 'Note', 'Tags']) expect(screen.getByRole('textbox', { name })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Destination' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('tab', { name: 'Capture' }).getAttribute('aria-selected')).toBe('true');
  });

  it('leaves every other page alone', async () => {
    const { ctx, bundle } = context('/repo/entrypoints/options/index.html');
    expect(await handler(popupShellPlugin())(BUILT, ctx)).toBe(BUILT);
    expect(bundle).toHaveProperty('assets/popup-BBBBBBBB.css');
  });

  it('refuses a stylesheet that is not in the build, rather than ship a page without its CSS', async () => {
    const { ctx } = context('/repo/entrypoints/popup/index.html');
    const other = BUILT.replace('popup-BBBBBBBB.css', 'gone-CCCCCCCC.css');
    await expect(handler(popupShellPlugin())(other, ctx)).rejects.toThrow(/gone-CCCCCCCC\.css is not in this build/);
  });
});

describe('the popup build group', () => {
  it('takes the popup out of the shared page build, so its static imports stay in its own entry chunk', async () => {
    const entry = (name: string, type: string) => ({ name, type }) as never;
    const groups: unknown[] = [[entry('background', 'background'), entry('popup', 'popup'), entry('options', 'options')], entry('x', 'unlisted-script')];
    const hook = (config.hooks as Record<string, (wxt: unknown, groups: unknown[]) => void>)['entrypoints:grouped']!;
    hook({}, groups);
    expect(groups).toEqual([[entry('background', 'background'), entry('options', 'options')], entry('x', 'unlisted-script'), [entry('popup', 'popup')]]);
  });
});
