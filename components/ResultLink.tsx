// The delivered result on one line: the link (only http(s) becomes an href, ellipsized), "Copy link", "Open link",
// "Show QR code", which opens the QR view in place of the form, and "Edit" once the capture is delivered.
import { useState } from 'preact/hooks';
import { serverQrSrc } from '../lib/popup-form';
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
  /** Whether the QR view is showing now (then "Show QR code" is not offered). */
  qrOpen: boolean;
  onShowQr: (src: string) => void;
  /** Offered once the capture is delivered: opens the edit of its note and tags. */
  onEdit?: (() => void) | undefined;
}

const isWebLink = (link: string) => /^https?:\/\//i.test(link);

export function ResultLink({ link, qrPng, pageUrl, onCopy, renderQr, qrOpen, onShowQr, onEdit }: ResultLinkProps) {
  const [copied, setCopied] = useState<boolean>();
  const [localQr, setLocalQr] = useState<string>();
  const webLink = link && isWebLink(link) ? link : undefined;
  const qrText = webLink ?? pageUrl;
  const knownQr = serverQrSrc(qrPng) ?? localQr;
  if (!link && !qrText && !onEdit) return null;
  const showQr = () => {
    if (knownQr) onShowQr(knownQr);
    else if (qrText)
      void renderQr(qrText).then((src) => {
        setLocalQr(src);
        onShowQr(src);
      });
  };
  return (
    <div class="result">
      {link && (
        <span class="result-link" title={link}>
          {webLink ? <a href={webLink} target="_blank" rel="noreferrer noopener">{link}</a> : link}
        </span>
      )}
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
        {!qrOpen && qrText && (
          <button type="button" onClick={showQr}>
            {t('resultShowQr')}
          </button>
        )}
        {onEdit && (
          <button type="button" onClick={onEdit}>
            {t('commonEdit')}
          </button>
        )}
      </div>
      {copied !== undefined && (
        <span class="hint" aria-live="polite">
          {t(copied ? 'resultCopied' : 'resultCopyFailed')}
        </span>
      )}
    </div>
  );
}
