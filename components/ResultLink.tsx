// The delivered result: the link (only http(s) becomes an href), "Copy link", "Open link", and a QR code.
import { useState } from 'preact/hooks';
import { downloadHref } from './download';
import { t } from './i18n';

export interface ResultLinkProps {
  link?: string | undefined;
  /** ShortPen's own QR PNG (base64); shown instead of a locally rendered one. */
  qrPng?: string | undefined;
  /** What a local QR code encodes when there is no result link. */
  pageUrl?: string | undefined;
  onCopy: (text: string) => Promise<void>;
  /** Renders a QR code PNG data URL; loads the QR library on first use only. */
  renderQr: (text: string) => Promise<string>;
}

const isWebLink = (link: string) => /^https?:\/\//i.test(link);


export function ResultLink({ link, qrPng, pageUrl, onCopy, renderQr }: ResultLinkProps) {
  const [copied, setCopied] = useState<boolean>();
  const [localQr, setLocalQr] = useState<string>();
  const webLink = link && isWebLink(link) ? link : undefined;
  const qrText = webLink ?? pageUrl;
  const serverQr = qrPng ? `data:image/png;base64,${qrPng}` : undefined;
  const shownQr = serverQr ?? localQr;
  if (!link && !qrText) return null;
  return (
    <div class="result">
      {link && (webLink ? <a href={webLink} target="_blank" rel="noreferrer noopener">{link}</a> : <span>{link}</span>)}
      <div class="row">
        {link && (
          <button type="button" onClick={() => void onCopy(link).then(() => setCopied(true), () => setCopied(false))}>
            {t('resultCopyLink')}
          </button>
        )}
        {webLink && (
          <a class="button" href={webLink} target="_blank" rel="noreferrer noopener">
            {t('resultOpenLink')}
          </a>
        )}
        {!shownQr && qrText && (
          <button type="button" onClick={() => void renderQr(qrText).then(setLocalQr)}>
            {t('resultShowQr')}
          </button>
        )}
        {copied !== undefined && (
          <span class="hint" aria-live="polite">
            {t(copied ? 'resultCopied' : 'resultCopyFailed')}
          </span>
        )}
      </div>
      {shownQr && (
        <div class="qr-box">
          <img class="qr" alt={t('resultQrAlt')} src={shownQr} width={160} height={160} />
          <button type="button" onClick={() => downloadHref(shownQr, 'keeplink-qr.png')}>
            {t('resultDownloadPng')}
          </button>
        </div>
      )}
    </div>
  );
}
