// Owns starting a file download from a page: Firefox downloads only from a link that is in the document.

/** Downloads `href` (a blob: or data: URL) as `name`. */
export function downloadHref(href: string, name: string): void {
  const link = Object.assign(document.createElement('a'), { href, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/** Downloads `text` as a file; the object URL is freed once the download had time to start. */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadHref(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
