// Options glue: storage, permissions and the outbox behind the OptionsApp's services.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { DestinationView } from '../../components/DestinationList';
import { describeError, format } from '../../components/messages';
import { FIELD_LABELS, FORM_PROBLEMS, PROVIDER_LABELS } from '../../components/labels';
import { OptionsApp, type OptionsServices } from '../../components/OptionsApp';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { originOf, originPattern } from '../../lib/destination';
import { destinationToForm, parseDestinationForm } from '../../lib/destination-form';
import { onOutboxChanged } from '../../lib/outbox/changes';
import { createOutbox } from '../../lib/outbox/outbox';
import { deleteOutboxDatabase } from '../../lib/outbox/db';
import { hasOriginPermission, onPermissionsAdded, requestOriginPermission } from '../../lib/platform/permissions';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import { getProvider, providerIds, type Destination } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';
import { parseDestinations, parsePreferences, upsertDestination } from '../../lib/settings';
import { applySettingsImport, exportSettings, parseSettingsImport } from '../../lib/settings-transfer';
import '../../components/theme.css';
import './style.css';

const outbox = createOutbox();
// Kept in step with storage so `save` can run synchronously inside the click's user gesture.
let destinations: Destination[] = [];

async function readState() {
  const [raw, prefs] = await Promise.all([destinationsItem.getValue(), preferencesItem.getValue()]);
  destinations = parseDestinations(raw).valid;
  return { destinations, preferences: parsePreferences(prefs) };
}

async function viewOf(d: Destination, defaultId: string | undefined): Promise<DestinationView> {
  const [granted, pause, pending] = await Promise.all([
    hasOriginPermission(originPattern(d.baseUrl)).catch(() => false),
    outbox.getPause(d.id),
    outbox.countUndelivered(d.id),
  ]);
  return {
    id: d.id,
    name: d.name,
    provider: d.provider,
    isDefault: d.id === defaultId,
    needsPermission: !granted,
    pausedText: pause && pause.error.code !== 'permission-missing' ? describeError(pause.error, d.name) : undefined,
    pending,
  };
}

async function persist(next: Destination[]) {
  destinations = next;
  await destinationsItem.setValue(next);
  const prefs = parsePreferences(await preferencesItem.getValue());
  if (!next.some((d) => d.id === prefs.defaultDestinationId) && next[0]) {
    await preferencesItem.setValue({ ...prefs, defaultDestinationId: next[0].id });
  }
}

const problemText = (key: string, problem: { code: string; max?: number }) =>
  format(FORM_PROBLEMS[problem.code] ?? FORM_PROBLEMS.invalid!, { field: FIELD_LABELS[key] ?? key, max: problem.max });

const checkDeps: CheckDeps = { hasPermission: hasOriginPermission, fetch: (input, init) => fetch(input, init), timeoutMs: 15_000 };

const IMPORT_PROBLEMS: Record<string, string> = {
  'not-json': 'That file is not JSON, so nothing was imported.',
  'not-keeplink': 'That file is not a Keeplink settings export, so nothing was imported.',
  'bad-destination': 'Destination {index} in that file is not valid ({path}), so nothing was imported.',
  'bad-preferences': 'The preferences in that file are not valid, so nothing was imported.',
};

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
    const destination = destinations.find((d) => d.id === id);
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
      await outbox.resumeDestination(destination.id);
      await granted;
      void browser.runtime.sendMessage({ type: 'outbox/flush' }).catch(() => undefined);
    });
    return { ok: true };
  },
  warnings(provider, raw) {
    const warnings = getProvider(provider).settingsWarnings?.({ ...raw, provider } as never) ?? [];
    return Object.fromEntries(
      warnings.flatMap((w) => (w.field === 'apiKey' && w.details?.expectedPrefix ? [[w.field, `Keys for this service usually start with ${w.details.expectedPrefix}; check that this is the right key.`]] : [])),
    );
  },
  async remove(id, choice) {
    if ('moveTo' in choice) await outbox.moveDestination(id, choice.moveTo);
    else await outbox.removeByDestination(id);
    await persist(destinations.filter((d) => d.id !== id));
  },
  async makeDefault(id) {
    const prefs = parsePreferences(await preferencesItem.getValue());
    await preferencesItem.setValue({ ...prefs, defaultDestinationId: id });
  },
  grant(id) {
    const destination = destinations.find((d) => d.id === id);
    if (destination) void requestOriginPermission(originPattern(destination.baseUrl)).catch(() => false);
  },
  async retry(id) {
    await outbox.resumeDestination(id);
    await browser.runtime.sendMessage({ type: 'outbox/flush' }).catch(() => undefined);
  },
  async checkConnection(id) {
    const destination = destinations.find((d) => d.id === id);
    if (!destination) return '';
    const report = await checkConnection(destination, checkDeps);
    const origin = originOf(destination.baseUrl);
    if (report.ok) return `Connection OK: settings are valid, permission is granted and ${origin} answered (HTTP ${report.status}).`;
    if (report.stage === 'permission') return `Needs permission: Keeplink may not contact ${origin} yet. Press Grant permission.`;
    return `Could not reach ${origin}: ${describeError(report.error, destination.name)}`;
  },
  async sendTestLink(id) {
    const destination = destinations.find((d) => d.id === id);
    if (!destination) return undefined;
    if (!window.confirm(`Send a test link to ${destination.name}? This creates one real link there.`)) return undefined;
    const outcome = await sendTestLink(destination, checkDeps);
    if (outcome.kind === 'synced') {
      const shown = outcome.result.link ?? (outcome.result.id ? `id ${outcome.result.id}` : '');
      return `Test link created${shown ? `: ${shown}` : ''}.`;
    }
    return `Test link not created: ${describeError(outcome.error, destination.name)}`;
  },
  exportSettings(includeKeys) {
    void readState().then(({ destinations: list, preferences }) =>
      download(`keeplink-settings${includeKeys ? '-with-keys' : ''}.json`, exportSettings(list, preferences, { includeKeys })),
    );
  },
  async previewImport(text) {
    const parsed = parseSettingsImport(text);
    if (!parsed.ok) {
      const details = parsed.error.details ?? {};
      return { ok: false, text: format(IMPORT_PROBLEMS[String(details.reason)] ?? IMPORT_PROBLEMS['not-keeplink']!, { ...details, index: Number(details.index ?? 0) + 1 }) };
    }
    const preview = parsed.value;
    const lines = preview.destinations.map(
      (d) => `${d.name} (${PROVIDER_LABELS[d.provider]}, ${originOf(d.baseUrl)})${destinations.some((c) => c.id === d.id) ? ' — replaces the current one' : ''}`,
    );
    if (!preview.keysIncluded) lines.push('API keys are not in this file: existing keys are kept, new destinations need theirs.');
    return {
      ok: true,
      lines,
      apply: async () => {
        await persist(applySettingsImport(destinations, preview));
        if (preview.preferences) await preferencesItem.setValue({ ...parsePreferences(await preferencesItem.getValue()), ...preview.preferences });
      },
    };
  },
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
    if (!window.confirm('Delete all of Keeplink’s local data? This removes every destination, API key, preference and the whole history, including captures not yet delivered.')) {
      return undefined;
    }
    await browser.storage.local.clear();
    await browser.storage.session.clear().catch(() => undefined);
    await deleteOutboxDatabase();
    destinations = [];
    return 'All local data was deleted.';
  },
};

render(<OptionsApp services={services} />, document.getElementById('app')!);
