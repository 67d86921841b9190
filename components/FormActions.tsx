// A form's primary submit button and its Cancel, side by side.
import { t } from './i18n';

export interface FormActionsProps {
  submitLabel: string;
  onCancel: () => void;
  busy?: boolean;
}

export function FormActions({ submitLabel, onCancel, busy }: FormActionsProps) {
  return (
    <div class="row">
      <button type="submit" class="primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('commonCancel')}
      </button>
    </div>
  );
}
