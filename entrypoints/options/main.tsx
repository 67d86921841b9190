// Options glue, first load: the list from raw storage and permissions, schema-free. Forms, validation, the outbox,
// the network and import/export come from ./ops, loaded right after first paint.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { DestinationView } from '../../components/DestinationList';
import { t } from '../../components/i18n';
import { OptionsApp, type OptionsServices } from '../../components/OptionsApp';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { hasDestinationPermission, onPermissionsAdded, onPermissionsRemoved, requestDestinationPermission } from '../../lib/platform/permissions';
import { defaultDestination } from '../../lib/default-destination';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import { summarizeDestinations, type DestinationSummary } from '../../lib/popup-form';
import type { ProviderId } from '../../lib/providers/types';
import '../../components/theme.css';
import './style.css';

// Kept once loaded, so `save` can run synchronously inside the click's user gesture.
let loaded: typeof import('./ops') | undefined;
const ops = async () => (loaded ??= await import('./ops'));

async function summaries() {
  const [raw, prefs] = await Promise.all([destinationsItem.getValue(), preferencesItem.getValue()]);
  const list = summarizeDestinations(raw);
  return { list, defaultId: defaultDestination(list, prefs)?.id };
}

async function viewOf(d: DestinationSummary, defaultId: string | undefined): Promise<DestinationView> {
  const [granted, status] = await Promise.all([
    d.baseUrl ? hasDestinationPermission(d.baseUrl).catch(() => false) : false,
    (await ops()).destinationStatus(d),
  ]);
  return { id: d.id, name: d.name, provider: d.provider as ProviderId, isDefault: d.id === defaultId, needsPermission: !granted, ...status };
}

const services: OptionsServices = {
  loadServices: async () => (await ops()).serviceInfos(),
  async load() {
    const { list, defaultId } = await summaries();
    return Promise.all(list.map((d) => viewOf(d, defaultId)));
  },
  subscribe(onChange) {
    const unwatch = [destinationsItem.watch(onChange), preferencesItem.watch(onChange), onPermissionsAdded(onChange), onPermissionsRemoved(onChange), onOutboxChanged(onChange)];
    return () => unwatch.forEach((stop) => stop());
  },
  formFor: async (id) => (await ops()).formFor(id),
  // The form is only on screen once ./ops is loaded, so this stays synchronous up to the permission request.
  save: (provider, raw) => loaded!.saveDestination(provider, raw),
  warnings: (provider, raw) => loaded?.keyWarnings(provider, raw) ?? {},
  remove: async (id, choice) => (await ops()).removeDestination(id, choice),
  makeDefault: async (id) => (await ops()).makeDefault(id),
  grant(id) {
    const baseUrl = loaded?.baseUrlOf(id);
    if (baseUrl) void requestDestinationPermission(baseUrl).catch(() => false);
  },
  retry: async (id) => (await ops()).resume(id),
  checkConnection: async (id) => (await ops()).checkText(id),
  async sendTestLink(id) {
    const name = loaded?.nameOf(id);
    if (!name || !window.confirm(t('optionsConfirmTestLink', { name }))) return undefined;
    return (await ops()).testLinkText(id);
  },
  exportSettings: (includeKeys) => void ops().then((o) => o.downloadSettings(includeKeys)),
  previewImport: async (text) => (await ops()).previewImport(text),
  loadPreferences: async () => (await ops()).loadPreferences(),
  setPreferences(patch) {
    // Inside the click: the notifications prompt needs the user's gesture, with no await before it.
    const asked = patch.notifications ? browser.permissions.request({ permissions: ['notifications'] }).catch(() => false) : Promise.resolve(true);
    void Promise.all([asked, ops()]).then(([granted, o]) => o.savePreferences({ ...patch, ...(patch.notifications && !granted ? { notifications: false } : {}) }));
  },
  async deleteAllData() {
    if (!window.confirm(t('optionsConfirmDeleteAll'))) return undefined;
    await (await ops()).deleteAllLocalData();
    return t('optionsDeletedAll');
  },
};

// The HTML is static; its title and language follow the messages actually shown.
document.documentElement.lang = t('htmlLang');
document.title = t('optionsPageTitle');
render(<OptionsApp services={services} />, document.getElementById('app')!);
void ops();
