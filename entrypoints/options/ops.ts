// Loaded right after the options page's first paint: schemas and validation, the outbox, the network, import/export.
import { browser } from 'wxt/browser';
import type { RawForm, ServiceInfo } from '../../components/DestinationForm';
import { downloadText } from '../../components/download';
import { t, type MessageKey } from '../../components/i18n';
import { formProblemText, PROVIDER_LABELS } from '../../components/labels';
import { describeError } from '../../components/messages';
import type { SaveFormAnswer } from '../../components/OptionsApp';
import type { ImportPreviewView } from '../../components/SettingsTransfer';
import type { CheckCause } from '../../lib/connection-causes';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { destinationToForm, parseDestinationForm, storedEntryOf } from '../../lib/destination-form';
import { originOf } from '../../lib/origin';
import { deleteOutboxDatabase } from '../../lib/outbox/db';
import { createOutbox } from '../../lib/outbox/outbox';
import { requestFlush } from '../../lib/platform/flush-request';
import { watchRequest } from '../../lib/platform/request-watch';
import { hasDestinationPermission, requestDestinationPermission } from '../../lib/platform/permissions';
import { destinationsItem, preferencesItem } from '../../lib/platform/storage';
import { createStoredTokenSessions, onTokensChanged, signedInIds, tokenStore } from '../../lib/platform/token-store';
import { sendRequest } from '../../lib/http';
import { redactError } from '../../lib/redact';
import { getProvider, providerIds, type Destination } from '../../lib/providers';
import type { Provider, ProviderId, ProviderRequest } from '../../lib/providers/types';
import { defaultDestination } from '../../lib/default-destination';
import { keepInvalidEntries, parseDestinations, parsePreferences, upsertDestination, type InvalidDestination, type Preferences } from '../../lib/settings';
import { exportSettings, parseSettingsImport, planSettingsImport, type DestinationChange, type ImportPlan, type KeyFate } from '../../lib/settings-transfer';

const outbox = createOutbox();
const tokens = createStoredTokenSessions();
const checkDeps: CheckDeps = { hasPermission: hasDestinationPermission, fetch: (input, init) => fetch(input, init), timeoutMs: 15_000, tokens, watchRequest };

// Destinations that hold OAuth tokens, kept current so the synchronous save knows whether a password is needed.
let signedIn = new Set<string>();
const rememberSignIns = async () => void (signedIn = await signedInIds());
void rememberSignIns();
onTokensChanged(() => void rememberSignIns());

// Validated copy of the stored list, kept current so `saveDestination` can run synchronously in a click.
// The raw list is kept too: entries that no longer validate stay stored, listed and editable until fixed.
let destinations: Destination[] = [];
let stored: unknown[] = [];
let invalid: InvalidDestination[] = [];
const remember = (raw: unknown) => {
  stored = Array.isArray(raw) ? raw : [];
  ({ valid: destinations, invalid } = parseDestinations(raw));
  return destinations;
};
const refresh = async () => remember(await destinationsItem.getValue());
void refresh();
destinationsItem.watch(remember);

const find = (id: string) => destinations.find((d) => d.id === id);
const storedEntries = () => stored.flatMap((entry) => storedEntryOf(entry) ?? []);

export const serviceInfos = (): ServiceInfo[] =>
  providerIds.map((id) => ({ id, fields: getProvider(id).fields, defaultBaseUrl: getProvider(id).defaultBaseUrl }));

export const baseUrlOf = (id: string) => find(id)?.baseUrl;
export const nameOf = (id: string) => find(id)?.name;

async function persist(next: Destination[], preferences?: Partial<Preferences>, dropId?: string) {
  remember(keepInvalidEntries(stored, next, dropId));
  await destinationsItem.setValue(stored);
  const prefs = { ...parsePreferences(await preferencesItem.getValue()), ...preferences };
  const fallback = defaultDestination(next, prefs);
  if (fallback) prefs.defaultDestinationId = fallback.id;
  await preferencesItem.setValue(prefs);
}

/** What the list shows beyond settings: why a destination waits, and how many captures wait for it. */
export async function destinationStatus(d: { id: string; name: string; provider: string }): Promise<{ pausedText?: string; pending: number }> {
  const [pause, pending] = await Promise.all([outbox.getPause(d.id), outbox.countUndelivered(d.id)]);
  // Settings that no longer validate are said at once, not only after a capture paused on them.
  const error = invalid.find((entry) => entry.id === d.id)?.error ?? pause?.error;
  return { pending, ...(error && error.code !== 'permission-missing' ? { pausedText: describeError(error, PROVIDER_LABELS[d.provider as ProviderId] ?? d.name) } : {}) };
}

export async function formFor(id: string): Promise<RawForm & { provider: ProviderId }> {
  const destination = find(id) ?? (await refresh()).find((d) => d.id === id) ?? storedEntries().find((d) => d.id === id);
  if (!destination) throw new Error('unknown destination');
  return destinationToForm(destination) as RawForm & { provider: ProviderId };
}

/** Synchronous up to the permission request, which Chrome only allows inside the click's gesture. */
export function saveDestination(provider: ProviderId, raw: RawForm): SaveFormAnswer {
  // An entry that no longer validates keeps its key through the fix too.
  const stored = typeof raw.id === 'string' ? (find(raw.id) ?? storedEntries().find((d) => d.id === raw.id)) : undefined;
  const storedKey = stored?.provider === provider && typeof stored.apiKey === 'string' ? stored.apiKey : '';
  const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : crypto.randomUUID() }, storedKey);
  if (!parsed.ok) {
    return { ok: false, errors: Object.fromEntries(Object.entries(parsed.errors).map(([key, problem]) => [key, formProblemText(key, problem, provider)])) };
  }
  const destination = parsed.value;
  const spec = getProvider(provider) as unknown as Provider;
  const password = typeof raw.password === 'string' ? raw.password : '';
  // A new sign-in needs the password; a signed-in destination keeps its tokens when the field is left empty.
  if (spec.auth && !password && !signedIn.has(destination.id)) return { ok: false, errors: { password: formProblemText('password', { code: 'required' }, provider) } };
  const granted = requestDestinationPermission(destination.baseUrl).catch(() => false);
  const saved = persist(upsertDestination(destinations, destination)).then(() => granted);
  const signIn = spec.auth && password ? saved.then(() => signInText(spec, destination, password)) : undefined;
  void (signIn ?? saved).then(() => resume(destination.id));
  return signIn ? { ok: true, after: signIn } : { ok: true };
}

/** The password grant, straight from the options page; the password goes to the token endpoint and nowhere else. */
async function signInText(spec: Provider, destination: Destination, password: string): Promise<string> {
  const send = (request: ProviderRequest) =>
    sendRequest(request, { fetch: checkDeps.fetch, timeoutMs: checkDeps.timeoutMs, idempotencyKey: 'sign-in', allowedOrigin: originOf(destination.baseUrl) });
  const result = await tokens.signIn(spec.auth!, destination, password, send);
  await rememberSignIns();
  if (result.ok) return t('optionsSignedIn', { name: destination.name });
  return t('optionsSignInFailed', { name: destination.name, reason: describeError(redactError(result.error, password), destination.name) });
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
  requestFlush();
}

export async function removeDestination(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void> {
  if ('moveTo' in choice) {
    await outbox.moveDestination(id, choice.moveTo);
    requestFlush();
  } else await outbox.removeByDestination(id);
  await persist((await refresh()).filter((d) => d.id !== id), undefined, id);
  await tokenStore.set(id, undefined);
}

export async function makeDefault(id: string): Promise<void> {
  await preferencesItem.setValue({ ...parsePreferences(await preferencesItem.getValue()), defaultDestinationId: id });
}

export const loadPreferences = async () => parsePreferences(await preferencesItem.getValue());

export async function savePreferences(patch: Partial<Preferences>): Promise<void> {
  await preferencesItem.setValue({ ...(await loadPreferences()), ...patch });
}

/** Each cause's own sentence; the rest say the error in the common words. */
const CHECK_CAUSES: Partial<Record<CheckCause, MessageKey>> = {
  permission: 'checkNeedsPermission',
  dns: 'checkDns',
  refused: 'checkRefused',
  timeout: 'checkTimedOut',
  offline: 'checkOffline',
  tls: 'checkTls',
  'https-only': 'checkHttpsOnly',
  blocked: 'checkBlocked',
  'base-path': 'checkBasePath',
  'proxy-html': 'checkProxyHtml',
  redirect: 'checkRedirect',
  'bad-key': 'checkKeyWrong',
};

export async function checkText(id: string): Promise<string> {
  const destination = find(id);
  if (!destination) return '';
  const report = await checkConnection(destination, checkDeps);
  const origin = originOf(destination.baseUrl);
  if (report.ok) return t('checkOk', { origin, status: report.status });
  const key = CHECK_CAUSES[report.cause];
  if (key) return t(key, { origin, host: new URL(destination.baseUrl).hostname, url: report.url, status: report.error.status });
  const reason = describeError(report.error, destination.name);
  return report.stage === 'answer' ? t('checkRejected', { origin, reason }) : t('checkUnreachable', { origin, reason });
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
  'bad-base-url': 'transferBadBaseUrl',
  'bad-preferences': 'transferBadPreferences',
};

const KEY_LINES: Record<KeyFate, MessageKey> = {
  'from-file': 'transferKeyFromFile',
  kept: 'transferKeyKept',
  cleared: 'transferKeyCleared',
  none: 'transferKeyNone',
};

const PREFERENCE_LABELS: Record<string, MessageKey> = {
  defaultDestinationId: 'transferDefaultDestination',
  stripTracking: 'prefsStripTracking',
  notifications: 'prefsNotifications',
  retentionDays: 'prefsRetentionDays',
  retentionMaxRecords: 'prefsRetentionMax',
};

/** Every line a destination's import changes: what it becomes, what differs from the stored one, and its key. */
function destinationLines(change: DestinationChange): string[] {
  const { name, previous } = change;
  const service = PROVIDER_LABELS[change.provider];
  const origin = originOf(change.baseUrl);
  const lines = [t(previous ? 'transferPreviewLineReplaces' : 'transferPreviewLine', { name, service, origin })];
  if (previous) {
    if (previous.name !== name) lines.push(t('transferRenamed', { name, from: previous.name }));
    if (previous.provider !== change.provider) lines.push(t('transferServiceChange', { name, from: PROVIDER_LABELS[previous.provider], to: service }));
    const before = URL.canParse(previous.baseUrl) ? originOf(previous.baseUrl) : previous.baseUrl;
    if (before !== origin) lines.push(t('transferOriginChange', { name, from: before, to: origin }));
    else if (previous.baseUrl !== change.baseUrl) lines.push(t('transferBaseUrlChange', { name, from: previous.baseUrl, to: change.baseUrl }));
  }
  lines.push(t(KEY_LINES[change.key], { name }));
  return lines;
}

function preferenceValue(key: string, value: unknown, plan: ImportPlan): string {
  if (typeof value === 'boolean') return t(value ? 'transferOn' : 'transferOff');
  if (key === 'defaultDestinationId') return plan.destinations.find((d) => d.id === value)?.name ?? String(value ?? '–');
  return String(value ?? '–');
}

export async function previewImport(text: string): Promise<ImportPreviewView> {
  const parsed = parseSettingsImport(text);
  if (!parsed.ok) {
    const details = parsed.error.details ?? {};
    const problem = details.problem ? formProblemText('baseUrl', { code: String(details.problem) }) : undefined;
    return { ok: false, text: t(IMPORT_PROBLEMS[String(details.reason)] ?? 'transferNotKeeplink', { ...details, problem, index: Number(details.index ?? 0) + 1 }) };
  }
  const preview = parsed.value;
  const current = destinations;
  const plan = planSettingsImport({ destinations: current, preferences: await loadPreferences() }, preview);
  const lines = [
    ...plan.destinationChanges.flatMap(destinationLines),
    ...plan.preferenceChanges.map(({ key, from, to }) =>
      t('transferPreferenceChange', { label: PREFERENCE_LABELS[key] ? t(PREFERENCE_LABELS[key]) : key, from: preferenceValue(key, from, plan), to: preferenceValue(key, to, plan) }),
    ),
  ];
  return { ok: true, lines: lines.length ? lines : [t('transferNoChanges')], apply: () => persist(plan.destinations, plan.preferences) };
}

export async function deleteAllLocalData(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session.clear().catch(() => undefined);
  await deleteOutboxDatabase();
  destinations = [];
}
