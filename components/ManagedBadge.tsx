// The mark on whatever the organization's policy sets: a destination, a preference.
import { t } from './i18n';

export function ManagedBadge({ id }: { id?: string }) {
  return (
    <span class="badge managed" id={id}>
      {t('policySetByOrganization')}
    </span>
  );
}
