// Loaded right after the options page's first paint: schemas and validation, the outbox, the network, import/export.
import { browser } from 'wxt/browser';
import type { RawForm, ServiceInfo } from '../../components/DestinationForm';
import { downloadText } from '../../components/download';
import { format } from '../../components/format';
import { t, type MessageKey } from '../../components/i18n';
import { FIELD_LABELS, FORM_PROBLEMS, PROVIDER_LABELS } from '../../components/labels';
import { describeError } from '../../components/messages';
import type { SaveFormAnswer } from '../../components/OptionsApp';
import type { ImportPreviewView } from '../../components/SettingsTransfer';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { destinationToForm, parseDestinationForm } from '../../lib/destination-form';
import { originOf } from '../../lib/origin';
import { deleteOutboxDatabase } from '../../lib/outbox/db';
import { createOutbox } from '../../lib/outbox/outbox';
import { hasDestinationPermission, requestDestinationPermission } from '../../lib/platform/permissions';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import { getProvider, providerIds, type Destination } from '../../lib/providers';
import type { ProviderId } from '../../lib/providers/types';
import { parseDestinations, parsePreferences, upsertDestination, type Preferences } from '../../lib/settings';
import { applySettingsImport, exportSettings, parseSettingsImport } from '../../lib/settings-transfer';

const outbox = createOutbox();
const checkDeps: CheckDeps = { hasPermission: hasDestinationPermission, fetch: (input, init) => fetch(input, init), timeoutMs: 15_000 };

// Validated copy of the stored list, kept current so `saveDestination` can run synchronously in a click.
let destinations: Destination[] = [];
const refresh = async () => {
  destinations = parseDestinations(await destinationsItem.getValue()).valid;
  return destinations;
};
void refresh();
destinationsItem.watch((after) => {
  destinations = parseDestinations(after).valid;
});

const find = (id: string) => destinations.find((d) => d.id === id);
const flushSoon = () => void browser.runtime.sendMessage({ type: 'outbox/flush' }).catch(() => undefined);

export const serviceInfos = (): ServiceInfo[] =>
  providerIds.map((id) => ({ id, fields: getProvider(id).fields, defaultBaseUrl: getProvider(id).defaultBaseUrl }));

export const baseUrlOf = (id: string) => find(id)?.baseUrl;
export const nameOf = (id: string) => find(id)?.name;

async function persist(next: Destination[], preferences?: Partial<Preferences>) {
  destinations = next;
  await destinationsItem.setValue(next);
  const prefs = { ...parsePreferences(await preferencesItem.getValue()), ...preferences };
  if (!next.some((d) => d.id === prefs.defaultDestinationId) && next[0]) prefs.defaultDestinationId = next[0].id;
  await preferencesItem.setValue(prefs);
}

/** What the list shows beyond settings: why a destination waits, and how many captures wait for it. */
export async function destinationStatus(d: { id: string; name: string; provider: string }): Promise<{ pausedText?: string; pending: number }> {
  const [pause, pending] = await Promise.all([outbox.getPause(d.id), outbox.countUndelivered(d.id)]);
  return { pending, ...(pause && pause.error.code !== 'permission-missing' ? { pausedText: describeError(pause.error, PROVIDER_LABELS[d.provider as ProviderId] ?? d.name) } : {}) };
}

export async function formFor(id: string): Promise<RawForm & { provider: ProviderId }> {
  const destination = find(id) ?? (await refresh()).find((d) => d.id === id);
  if (!destination) throw new Error('unknown destination');
  return destinationToForm(destination) as RawForm & { provider: ProviderId };
}

const problemText = (key: string, problem: { code: string; max?: number }) =>
  format(FORM_PROBLEMS[problem.code] ?? FORM_PROBLEMS.invalid!, { field: FIELD_LABELS[key] ?? key, max: problem.max });

/** Synchronous up to the permission request, which Chrome only allows inside the click's gesture. */
export function saveDestination(provider: ProviderId, raw: RawForm): SaveFormAnswer {
  const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : crypto.randomUUID() });
  if (!parsed.ok) {
    return { ok: false, errors: Object.fromEntries(Object.entries(parsed.errors).map(([key, problem]) => [key, problemText(key, problem)])) };
  }
  const destination = parsed.value;
  const granted = requestDestinationPermission(destination.baseUrl).catch(() => false);
  void persist(upsertDestination(destinations, destination)).then(async () => {
    await granted;
    await resume(destination.id);
  });
  return { ok: true };
}

export function keyWarnings(provider: ProviderId, raw: RawForm): Record<string, string> {
  const warnings = getProvider(provider).settingsWarnings?.({ ...raw, provider } as never) ?? [];
  return Object.fromEntries(
    warnings.flatMap((w) => (w.field === 'apiKey' && w.details?.expectedPrefix ? [[w.field, t('optionsKeyPrefixWarning', { prefix: w.details.expectedPrefix })]] : [])),
  );
}

/** After a settings change or Retry: the destination's paused captures go back to the queue. */
export async function resume(id: string): Promise<void> {
  await outbox.resumeDestination(id);
  flushSoon();
}

export async function removeDestination(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void> {
  if ('moveTo' in choice) {
    await outbox.moveDestination(id, choice.moveTo);
    flushSoon();
  } else await outbox.removeByDestination(id);
  await persist((await refresh()).filter((d) => d.id !== id));
}

export async function makeDefault(id: string): Promise<void> {
  await preferencesItem.setValue({ ...parsePreferences(await preferencesItem.getValue()), defaultDestinationId: id });
}

export const loadPreferences = async () => parsePreferences(await preferencesItem.getValue());

export async function savePreferences(patch: Partial<Preferences>): Promise<void> {
  await preferencesItem.setValue({ ...(await loadPreferences()), ...patch });
}

export async function checkText(id: string): Promise<string> {
  const destination = find(id);
  if (!destination) return '';
  const report = await checkConnection(destination, checkDeps);
  const origin = originOf(destination.baseUrl);
  if (report.ok) return t('checkOk', { origin, status: report.status });
  if (report.stage === 'permission') return t('checkNeedsPermission', { origin });
  return t('checkUnreachable', { origin, reason: describeError(report.error, destination.name) });
}

export async function testLinkText(id: string): Promise<string | undefined> {
  const destination = find(id);
  if (!destination) return undefined;
  const outcome = await sendTestLink(destination, checkDeps);
  if (outcome.kind === 'synced') {
    const shown = outcome.result.link ?? (outcome.result.id ? t('testLinkId', { id: outcome.result.id }) : '');
    return shown ? t('testLinkCreatedResult', { result: shown }) : t('testLinkCreated');
  }
  return t('testLinkFailed', { reason: describeError(outcome.error, destination.name) });
}

export async function downloadSettings(includeKeys: boolean): Promise<void> {
  const text = exportSettings(await refresh(), await loadPreferences(), { includeKeys });
  downloadText(`keeplink-settings${includeKeys ? '-with-keys' : ''}.json`, 'application/json', text);
}

const IMPORT_PROBLEMS: Record<string, MessageKey> = {
  'not-json': 'transferNotJson',
  'not-keeplink': 'transferNotKeeplink',
  'bad-destination': 'transferBadDestination',
  'bad-preferences': 'transferBadPreferences',
};

export function previewImport(text: string): ImportPreviewView {
  const parsed = parseSettingsImport(text);
  if (!parsed.ok) {
    const details = parsed.error.details ?? {};
    return { ok: false, text: t(IMPORT_PROBLEMS[String(details.reason)] ?? 'transferNotKeeplink', { ...details, index: Number(details.index ?? 0) + 1 }) };
  }
  const preview = parsed.value;
  const current = destinations;
  const lines = preview.destinations.map((d) =>
    t(current.some((c) => c.id === d.id) ? 'transferPreviewLineReplaces' : 'transferPreviewLine', { name: d.name, service: PROVIDER_LABELS[d.provider], origin: originOf(d.baseUrl) }),
  );
  if (!preview.keysIncluded) lines.push(t('transferNoKeys'));
  return { ok: true, lines, apply: () => persist(applySettingsImport(current, preview), preview.preferences) };
}

export async function deleteAllLocalData(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session.clear().catch(() => undefined);
  await deleteOutboxDatabase();
  destinations = [];
}
