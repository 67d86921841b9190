// The page being saved, at a glance: its favicon, site name and title on one line.
import { faviconSrc, siteNameOf } from '../lib/popup-form';

export interface PopupHeaderProps {
  title: string;
  url: string;
  siteName?: string | undefined;
  /** The tab's own favIconUrl; shown only when it is a web or data: image address. */
  favIconUrl?: string | undefined;
}

export function PopupHeader({ title, url, siteName, favIconUrl }: PopupHeaderProps) {
  const icon = faviconSrc(favIconUrl);
  const site = siteNameOf(url, siteName);
  if (!site && !title) return null;
  return (
    <header class="page-header">
      {/* Decorative: the site name next to it says the same. */}
      {icon && <img src={icon} alt="" width={16} height={16} referrerpolicy="no-referrer" />}
      {site && <span class="site">{site}</span>}
      {title && <span class="page-title" title={title}>{title}</span>}
    </header>
  );
}
