// The links the sandbox hands out: ShortPen's /s/<slug> redirects, Userplane's /r/<id> recording pages.
import type { ServerResponse } from 'node:http';
import { sendText } from './http';
import type { SandboxState } from './state';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Answers GET /s/<slug> and /r/<id>; false when the path is neither. */
export function handlePublicLink(state: SandboxState, pathname: string, res: ServerResponse): boolean {
  const short = /^\/s\/([^/]+)$/.exec(pathname);
  if (short?.[1] !== undefined) {
    const slug = decodeURIComponent(short[1]);
    const item = state.items.findLast((candidate) => candidate.provider === 'shortpen' && candidate.id === slug);
    if (item?.target) sendText(res, 302, 'text/plain; charset=utf-8', item.target, { location: item.target });
    else sendText(res, 404, 'text/plain; charset=utf-8', 'No such short link');
    return true;
  }
  const recording = /^\/r\/([^/]+)$/.exec(pathname);
  if (recording?.[1] !== undefined) {
    const id = decodeURIComponent(recording[1]);
    const item = state.items.find((candidate) => candidate.provider === 'userplane' && candidate.id === id);
    if (!item) {
      sendText(res, 404, 'text/plain; charset=utf-8', 'No such recording link');
      return true;
    }
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Record your screen</title></head>
<body><h1>Sandbox recording link</h1><p>Link ${escapeHtml(id)} for ${escapeHtml(item.pageUrl ?? 'no page')}</p></body></html>`;
    sendText(res, 200, 'text/html; charset=utf-8', page);
    return true;
  }
  return false;
}
