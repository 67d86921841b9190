// A destination's own capture fields (ShortPen slug/UTM/QR, Poozle categories): the panel behind "More options".
import type { PopupForm } from '../lib/popup-form';
import { Field } from './Field';
import { t } from './i18n';

export interface PopupExtrasProps {
  provider: string | undefined;
  form: PopupForm;
  open: boolean;
  set: (key: keyof PopupForm) => (value: string | boolean) => void;
  errorFor: (field: string) => string | undefined;
  onKeyDown: (event: KeyboardEvent) => void;
}

/** Whether the provider has fields of its own in the popup. */
export const hasExtras = (provider: string | undefined) => provider === 'shortpen' || provider === 'poozle';

/** The panel the "More options" button (aria-controls="extras") opens; its fields exist only while it is open. */
export function PopupExtras({ provider, form, open, set, errorFor, onKeyDown }: PopupExtrasProps) {
  if (!hasExtras(provider)) return null;
  return (
    <div id="extras" class="extras" hidden={!open}>
        {open && provider === 'poozle' && (
          <Field id="categories" label={t('fieldCategories')} value={form.categories} onInput={set('categories')} placeholder={t('popupCategoriesPlaceholder')} onKeyDown={onKeyDown} />
        )}
        {open && provider === 'shortpen' && (
          <>
            <Field id="slug" label={t('fieldCustomSlug')} value={form.customSlug} onInput={set('customSlug')} error={errorFor('customSlug')} onKeyDown={onKeyDown} />
            <div class="utm">
              <Field id="utm-source" label={t('popupUtmSource')} value={form.utmSource} onInput={set('utmSource')} onKeyDown={onKeyDown} />
              <Field id="utm-medium" label={t('popupUtmMedium')} value={form.utmMedium} onInput={set('utmMedium')} onKeyDown={onKeyDown} />
              <Field id="utm-campaign" label={t('popupUtmCampaign')} value={form.utmCampaign} onInput={set('utmCampaign')} onKeyDown={onKeyDown} />
            </div>
            <label class="check">
              <input type="checkbox" checked={form.qr} onChange={(e) => set('qr')((e.currentTarget as HTMLInputElement).checked)} />
              {t('popupQrToggle')}
            </label>
          </>
        )}
    </div>
  );
}
