// The options page's services, schema-free: the list comes from raw storage and permissions at first paint; forms,
// validation, the outbox, the network and import/export come from the ops, loaded right after.
import type { DestinationView } from '../../components/DestinationList';
import { t } from '../../components/i18n';
import type { OptionsServices } from '../../components/OptionsApp';
import { defaultDestination } from '../../lib/default-destination';
import { lazy } from '../../lib/lazy';
import type { StorageItem } from '../../lib/platform/storage';
import { summarizeManaged } from '../../lib/managed-ids';
import { summarizeDestinations, type DestinationSummary } from '../../lib/popup-form';
import type { ProviderId } from '../../lib/providers/types';
import type { OptionsOps } from './ops';

type Watched<T> = Pick<StorageItem<T>, 'getValue' | 'watch'>;

export interface OptionsDeps {
  /** The ops chunk; kept once loaded, so `save` can run synchronously inside the click's user gesture. */
  loadOps(): Promise<OptionsOps>;
  destinations: Watched<unknown[]>;
  preferences: Watched<Record<string, unknown>>;
  hasPermission(baseUrl: string): Promise<boolean>;
  /** Both called synchronously inside a click: the prompts need the user's gesture. */
  requestPermission(baseUrl: string): Promise<boolean>;
  requestNotifications(): Promise<boolean>;
  onPermissionsAdded(listener: () => void): () => void;
  /** A revoked origin brings its Grant permission button back. */
  onPermissionsRemoved(listener: () => void): () => void;
  onOutboxChanged(listener: () => void): () => void;
  confirm(text: string): boolean;
  /** The organization's policy ({} when none) and its changes; what the user keeps for its destinations. */
  readPolicy(): Promise<unknown>;
  onPolicyChanged(listener: () => void): () => void;
  managedLocal: Pick<Watched<Record<string, unknown>>, 'watch'>;
}

export function createOptionsServices(deps: OptionsDeps): OptionsServices {
  const ops = lazy(deps.loadOps);

  async function summaries() {
    const [raw, prefs, policy] = await Promise.all([deps.destinations.getValue(), deps.preferences.getValue(), deps.readPolicy()]);
    // The organization's destinations first, as every context lists them.
    const list = summarizeDestinations([...summarizeManaged(policy), ...raw]);
    return { list, defaultId: defaultDestination(list, prefs)?.id };
  }

  async function viewOf(d: DestinationSummary, defaultId: string | undefined): Promise<DestinationView> {
    const [granted, status] = await Promise.all([d.baseUrl ? deps.hasPermission(d.baseUrl).catch(() => false) : false, (await ops()).destinationStatus(d)]);
    return { id: d.id, name: d.name, provider: d.provider as ProviderId, isDefault: d.id === defaultId, needsPermission: !granted, ...status };
  }

  return {
    loadServices: async () => (await ops()).serviceInfos(),
    async load() {
      const { list, defaultId } = await summaries();
      return Promise.all(list.map((d) => viewOf(d, defaultId)));
    },
    subscribe(onChange) {
      const unwatch = [
        deps.destinations.watch(onChange),
        deps.preferences.watch(onChange),
        deps.onPermissionsAdded(onChange),
        deps.onPermissionsRemoved(onChange),
        deps.onOutboxChanged(onChange),
        deps.onPolicyChanged(onChange),
        deps.managedLocal.watch(onChange),
      ];
      return () => unwatch.forEach((stop) => stop());
    },
    formFor: async (id) => (await ops()).formFor(id),
    // The form is only on screen once loadServices has loaded the ops, so this stays synchronous up to the permission request.
    save: (provider, raw) => ops.current()!.saveDestination(provider, raw),
    warnings: (provider, raw) => ops.current()?.keyWarnings(provider, raw) ?? {},
    // Like save: synchronous up to the permission request inside the click.
    chooseCollection: (raw) => ops.current()!.collectionChoices(raw),
    remove: async (id, choice) => (await ops()).removeDestination(id, choice),
    makeDefault: async (id) => (await ops()).makeDefault(id),
    grant(id) {
      const baseUrl = ops.current()?.baseUrlOf(id);
      if (baseUrl) void deps.requestPermission(baseUrl).catch(() => false);
    },
    retry: async (id) => (await ops()).resume(id),
    checkConnection: async (id) => (await ops()).checkText(id),
    async sendTestLink(id) {
      const name = ops.current()?.nameOf(id);
      if (!name || !deps.confirm(t('optionsConfirmTestLink', { name }))) return undefined;
      return (await ops()).testLinkText(id);
    },
    exportSettings: (includeKeys) => void ops().then((o) => o.downloadSettings(includeKeys)),
    previewImport: async (text) => (await ops()).previewImport(text),
    loadPreferences: async () => (await ops()).loadPreferences(),
    loadPolicy: async () => (await ops()).policyNotes(),
    setPreferences(patch) {
      // Inside the click: the notifications prompt needs the user's gesture, with no await before it.
      const asked = patch.notifications ? deps.requestNotifications().catch(() => false) : Promise.resolve(true);
      void Promise.all([asked, ops()]).then(([granted, o]) => o.savePreferences({ ...patch, ...(patch.notifications && !granted ? { notifications: false } : {}) }));
    },
    async deleteAllData() {
      if (!deps.confirm(t('optionsConfirmDeleteAll'))) return undefined;
      await (await ops()).deleteAllLocalData();
      return t('optionsDeletedAll');
    },
  };
}
