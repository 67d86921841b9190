// Export and import of settings: keys only when ticked; an import is previewed and applied only on confirmation.
import { useRef, useState } from 'preact/hooks';
import { t } from './i18n';

export type ImportPreviewView = { ok: true; lines: string[]; apply: () => Promise<void> } | { ok: false; text: string };

export interface SettingsTransferProps {
  onExport: (includeKeys: boolean) => void;
  onPreview: (text: string) => Promise<ImportPreviewView>;
  onDone: (text: string) => void;
}

export function SettingsTransfer({ onExport, onPreview, onDone }: SettingsTransferProps) {
  const [includeKeys, setIncludeKeys] = useState(false);
  const [preview, setPreview] = useState<ImportPreviewView>();
  const file = useRef<HTMLInputElement>(null);

  const read = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen) setPreview(await onPreview(await chosen.text()));
  };

  return (
    <section class="transfer" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('transferHeading')}</h2>
      <div class="row">
        <button type="button" onClick={() => onExport(includeKeys)}>
          {t('transferExport')}
        </button>
        <label class="check">
          <input type="checkbox" checked={includeKeys} onChange={(e) => setIncludeKeys((e.currentTarget as HTMLInputElement).checked)} />
          {t('transferIncludeKeys')}
        </label>
        <button type="button" onClick={() => file.current?.click()}>
          {t('transferImport')}
        </button>
        <input ref={file} type="file" accept="application/json,.json" hidden aria-label={t('transferFileLabel')} onChange={(e) => void read(e.currentTarget as HTMLInputElement)} />
      </div>
      {preview && !preview.ok && <p class="warning">{preview.text}</p>}
      {preview?.ok && (
        <div class="dialog" role="group" aria-label={t('transferPreviewLabel')}>
          <p>{t('transferPreviewIntro')}</p>
          <ul>
            {preview.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
          <div class="row">
            <button
              type="button"
              class="primary"
              onClick={() =>
                void preview.apply().then(() => {
                  setPreview(undefined);
                  onDone(t('transferDone'));
                })
              }
            >
              {t('transferApply')}
            </button>
            <button type="button" onClick={() => setPreview(undefined)}>
              {t('commonCancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
