// The QR code view, shown in place of the form so the popup never grows past its height: image, PNG, Back.
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

export interface PopupQrProps {
  src: string;
  onBack: () => void;
}

export function PopupQr({ src, onBack }: PopupQrProps) {
  const back = useRef<HTMLButtonElement>(null);
  // The form the focus was in is gone: keep the keyboard user inside the view that replaced it.
  useEffect(() => back.current?.focus(), []);
  return (
    <div class="qr-box">
      <img class="qr" alt={t('resultQrAlt')} src={src} width={160} height={160} />
      <div class="row">
        <button type="button" ref={back} onClick={onBack}>
          {t('popupBack')}
        </button>
        {/* Rarely pressed: its helper loads on the click instead of weighing on the popup's first load. */}
        <button type="button" onClick={() => void import('./download').then(({ downloadHref }) => downloadHref(src, 'keeplink-qr.png'))}>
          {t('resultDownloadPng')}
        </button>
      </div>
    </div>
  );
}
