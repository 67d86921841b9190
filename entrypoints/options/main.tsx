// Options glue, first load: settings and permissions. Outbox, network and import/export come from ./ops after paint.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { DestinationView } from '../../components/DestinationList';
import { format } from '../../components/format';
import { t } from '../../components/i18n';
import { FIELD_LABELS, FORM_PROBLEMS } from '../../components/labels';
import { OptionsApp, type OptionsServices } from '../../components/OptionsApp';
import { originPattern } from '../../lib/destination';
import { destinationToForm, parseDestinationForm } from '../../lib/destination-form';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { hasOriginPermission, onPermissionsAdded, requestOriginPermission } from '../../lib/platform/permissions';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import { getProvider, providerIds, type Destination } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';
import { parseDestinations, parsePreferences, upsertDestination, type Preferences } from '../../lib/settings';
import '../../components/theme.css';
import './style.css';

const ops = () => import('./ops');
// Kept in step with storage so `save` can run synchronously inside the click's user gesture.
let destinations: Destination[] = [];

async function readState() {
  const [raw, prefs] = await Promise.all([destinationsItem.getValue(), preferencesItem.getValue()]);
  destinations = parseDestinations(raw).valid;
  return { destinations, preferences: parsePreferences(prefs) };
}

async function viewOf(d: Destination, defaultId: string | undefined): Promise<DestinationView> {
  const [granted, status] = await Promise.all([hasOriginPermission(originPattern(d.baseUrl)).catch(() => false), (await ops()).destinationStatus(d)]);
  return { id: d.id, name: d.name, provider: d.provider, isDefault: d.id === defaultId, needsPermission: !granted, ...status };
}

async function persist(next: Destination[], preferences?: Partial<Preferences>) {
  destinations = next;
  await destinationsItem.setValue(next);
  const prefs = { ...parsePreferences(await preferencesItem.getValue()), ...preferences };
  if (!next.some((d) => d.id === prefs.defaultDestinationId) && next[0]) prefs.defaultDestinationId = next[0].id;
  await preferencesItem.setValue(prefs);
}

const problemText = (key: string, problem: { code: string; max?: number }) =>
  format(FORM_PROBLEMS[problem.code] ?? FORM_PROBLEMS.invalid!, { field: FIELD_LABELS[key] ?? key, max: problem.max });

const find = (id: string) => destinations.find((d) => d.id === id);

const services: OptionsServices = {
  services: providerIds.map((id) => ({ id, fields: getProvider(id).fields, defaultBaseUrl: getProvider(id).defaultBaseUrl })),
  async load() {
    const { destinations: list, preferences } = await readState();
    const defaultId = list.find((d) => d.id === preferences.defaultDestinationId)?.id ?? list[0]?.id;
    return Promise.all(list.map((d) => viewOf(d, defaultId)));
  },
  subscribe(onChange) {
    const unwatch = [destinationsItem.watch(onChange), preferencesItem.watch(onChange), onPermissionsAdded(onChange), onOutboxChanged(onChange)];
    return () => unwatch.forEach((stop) => stop());
  },
  async formFor(id) {
    const destination = find(id);
    if (!destination) throw new Error('unknown destination');
    return destinationToForm(destination) as ReturnType<typeof destinationToForm> & { provider: ProviderId };
  },
  save(provider, raw) {
    const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : crypto.randomUUID() });
    if (!parsed.ok) {
      return { ok: false, errors: Object.fromEntries(Object.entries(parsed.errors).map(([key, problem]) => [key, problemText(key, problem)])) };
    }
    const destination = parsed.value;
    // Still inside the click: Chrome only shows the prompt when no await came before this call.
    const granted = requestOriginPermission(originPattern(destination.baseUrl)).catch(() => false);
    void persist(upsertDestination(destinations, destination)).then(async () => {
      await granted;
      await (await ops()).resume(destination.id);
    });
    return { ok: true };
  },
  warnings(provider, raw) {
    const warnings = getProvider(provider).settingsWarnings?.({ ...raw, provider } as never) ?? [];
    return Object.fromEntries(
      warnings.flatMap((w) => (w.field === 'apiKey' && w.details?.expectedPrefix ? [[w.field, t('optionsKeyPrefixWarning', { prefix: w.details.expectedPrefix })]] : [])),
    );
  },
  async remove(id, choice) {
    await (await ops()).releaseCaptures(id, choice);
    await persist(destinations.filter((d) => d.id !== id));
  },
  async makeDefault(id) {
    const prefs = parsePreferences(await preferencesItem.getValue());
    await preferencesItem.setValue({ ...prefs, defaultDestinationId: id });
  },
  grant(id) {
    const destination = find(id);
    if (destination) void requestOriginPermission(originPattern(destination.baseUrl)).catch(() => false);
  },
  async retry(id) {
    await (await ops()).resume(id);
  },
  async checkConnection(id) {
    const destination = find(id);
    return destination ? (await ops()).checkText(destination) : '';
  },
  async sendTestLink(id) {
    const destination = find(id);
    if (!destination || !window.confirm(t('optionsConfirmTestLink', { name: destination.name }))) return undefined;
    return (await ops()).testLinkText(destination);
  },
  exportSettings(includeKeys) {
    void Promise.all([readState(), ops()]).then(([{ destinations: list, preferences }, o]) => o.downloadSettings(list, preferences, includeKeys));
  },
  previewImport: async (text) => (await ops()).previewImport(text, destinations, persist),
  loadPreferences: async () => parsePreferences(await preferencesItem.getValue()),
  setPreferences(patch) {
    // Inside the click: the notifications prompt needs the user's gesture, with no await before it.
    const asked = patch.notifications ? browser.permissions.request({ permissions: ['notifications'] }).catch(() => false) : Promise.resolve(true);
    void asked.then(async (granted) => {
      const current = parsePreferences(await preferencesItem.getValue());
      await preferencesItem.setValue({ ...current, ...patch, ...(patch.notifications && !granted ? { notifications: false } : {}) });
    });
  },
  async deleteAllData() {
    if (!window.confirm(t('optionsConfirmDeleteAll'))) {
      return undefined;
    }
    await (await ops()).deleteAllLocalData();
    destinations = [];
    return t('optionsDeletedAll');
  },
};

// The HTML is static; its title and language follow the messages actually shown.
document.documentElement.lang = t('htmlLang');
document.title = t('optionsPageTitle');
render(<OptionsApp services={services} />, document.getElementById('app')!);
