// Shows a delivered link (only http(s) becomes an href), a "Copy link" button and the server's QR image.
import { useState } from 'preact/hooks';

export interface ResultLinkProps {
  link?: string | undefined;
  qrPng?: string | undefined;
  onCopy: (text: string) => Promise<void>;
}

const isWebLink = (link: string) => /^https?:\/\//i.test(link);

export function ResultLink({ link, qrPng, onCopy }: ResultLinkProps) {
  const [copied, setCopied] = useState(false);
  if (!link && !qrPng) return null;
  return (
    <div class="result">
      {link &&
        (isWebLink(link) ? (
          <a href={link} target="_blank" rel="noreferrer noopener">
            {link}
          </a>
        ) : (
          <span>{link}</span>
        ))}
      {link && (
        <button type="button" onClick={() => void onCopy(link).then(() => setCopied(true))}>
          Copy link
        </button>
      )}
      {copied && <span class="hint">Copied</span>}
      {qrPng && <img class="qr" alt="QR code" src={`data:image/png;base64,${qrPng}`} width={160} height={160} />}
    </div>
  );
}
