// Build step for the popup's first load: prerenders its first state into popup.html and inlines its CSS, so the
// browser paints the form from the HTML alone and fetches one script. Runs in `wxt build` for every browser.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type IndexHtmlTransformContext, type Plugin } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const POPUP_HTML = 'entrypoints/popup/index.html';
const APP_MOUNT = '<div id="app"></div>';
const SAVE_BUTTON = '<button type="submit"';

/** The shell's HTML, from the real component, with `wxt/browser` answered by the default locale. */
export async function prerenderPopupShell(): Promise<string> {
  const { module } = await runnerImport<typeof import('../entrypoints/popup/shell')>(join(root, 'entrypoints/popup/shell.tsx'), {
    configFile: false,
    root,
    logLevel: 'error',
    resolve: { alias: { 'wxt/browser': join(root, 'build/shell-browser.ts') } },
  });
  const shell = module.renderPopupShell();
  if (shell.split(SAVE_BUTTON).length !== 2) throw new Error('popup shell: expected exactly one submit button');
  // Until the popup's script has the tab and settings, Save has nothing to save: a click would reload the page.
  return shell.replace(SAVE_BUTTON, `${SAVE_BUTTON} disabled`);
}

/** Every `<link rel="stylesheet">` of this page becomes a `<style>` with the asset's text, and the asset leaves the build. */
function inlineStylesheets(html: string, ctx: IndexHtmlTransformContext): string {
  return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
    const asset = ctx.bundle?.[file];
    if (!asset || asset.type !== 'asset') throw new Error(`popup shell: stylesheet ${file} is not in this build`);
    delete ctx.bundle![file];
    return `<style>${String(asset.source).trim()}</style>`;
  });
}

export function popupShellPlugin(): Plugin {
  return {
    name: 'keeplink:popup-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        if (!ctx.filename.replaceAll('\\', '/').endsWith(POPUP_HTML)) return html;
        if (!html.includes(APP_MOUNT)) throw new Error(`popup shell: ${POPUP_HTML} has no ${APP_MOUNT}`);
        return inlineStylesheets(html, ctx).replace(APP_MOUNT, `<div id="app">${await prerenderPopupShell()}</div>`);
      },
    },
  };
}
