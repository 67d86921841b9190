// Options glue: the production services rendered into the page. Everything past the list's first paint loads with
// ./ops, started right after that paint.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../components/i18n';
import { OptionsApp } from '../../components/OptionsApp';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { hasDestinationPermission, onPermissionsAdded, onPermissionsRemoved, requestDestinationPermission } from '../../lib/platform/permissions';
import { onManagedChanged, readManagedPolicy } from '../../lib/platform/managed';
import { destinationsItem, managedLocalItem, preferencesItem } from '../../lib/platform/storage';
import { createOptionsServices } from './services';
import '../../components/theme.css';
import './style.css';

const services = createOptionsServices({
  async loadOps() {
    const ops = (await import('./ops')).optionsOps();
    await ops.ready;
    return ops;
  },
  destinations: destinationsItem,
  preferences: preferencesItem,
  hasPermission: hasDestinationPermission,
  requestPermission: requestDestinationPermission,
  requestNotifications: () => browser.permissions.request({ permissions: ['notifications'] }),
  onPermissionsAdded,
  onPermissionsRemoved,
  onOutboxChanged,
  confirm: (text) => window.confirm(text),
  readPolicy: readManagedPolicy,
  onPolicyChanged: onManagedChanged,
  managedLocal: managedLocalItem,
});

// The HTML is static; its title and language follow the messages actually shown.
document.documentElement.lang = t('htmlLang');
document.title = t('optionsPageTitle');
render(<OptionsApp services={services} />, document.getElementById('app')!);
void services.loadServices();
