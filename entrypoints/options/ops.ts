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
import { createOutbox, type Outbox } from '../../lib/outbox/outbox';
import { requestFlush } from '../../lib/platform/flush-request';
import { watchRequest } from '../../lib/platform/request-watch';
import { hasDestinationPermission, requestDestinationPermission } from '../../lib/platform/permissions';
import { destinationsItem, preferencesItem, type StorageItem } from '../../lib/platform/storage';
import { createStoredTokenSessions, onTokensChanged, signedInIds, tokenStore } from '../../lib/platform/token-store';
import { sendRequest, type FetchLike } from '../../lib/http';
import { redactError } from '../../lib/redact';
import { getProvider, providerIds, type Destination } from '../../lib/providers';
import type { TokenSessions, TokenStore } from '../../lib/providers/token-session';
import type { Provider, ProviderId, ProviderRequest } from '../../lib/providers/types';
import { defaultDestination } from '../../lib/default-destination';
import { keepInvalidEntries, parseDestinations, parsePreferences, upsertDestination, type InvalidDestination, type Preferences } from '../../lib/settings';
import { exportSettings, parseSettingsImport, planSettingsImport, type DestinationChange, type ImportPlan, type KeyFate } from '../../lib/settings-transfer';

export interface OptionsOpsDeps {
  outbox: Outbox;
  /** Raw stored destinations and preferences (storage.local). */
  destinations: StorageItem<unknown[]>;
  preferences: StorageItem<Record<string, unknown>>;
  /** OAuth sessions (wallabag): sign-in, and the token a check or test link goes with. */
  tokens: TokenSessions;
  tokenStore: TokenStore;
  /** The destinations that hold tokens, and a call back whenever any of them changes. */
  signedInIds(): Promise<Set<string>>;
  onTokensChanged(callback: () => void): () => void;
  hasPermission(baseUrl: string): Promise<boolean>;
  /** Called synchronously inside the Save click, which Chrome requires for the prompt. */
  requestPermission(baseUrl: string): Promise<boolean>;
  fetch: FetchLike;
  timeoutMs: number;
  /** webRequest's view of the check's own request, so the check can name DNS, refused, TLS and https-only. */
  watchRequest?: CheckDeps['watchRequest'];
  requestFlush(): void;
  download(name: string, type: string, text: string): void;
  newId(): string;
  /** Everything Keeplink keeps in this browser: both storage areas and the outbox database. */
  clearAllData(): Promise<void>;
}

export type OptionsOps = ReturnType<typeof createOptionsOps>;

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

export function createOptionsOps(deps: OptionsOpsDeps) {
  const { outbox, tokens } = deps;
  const checkDeps: CheckDeps = { hasPermission: deps.hasPermission, fetch: deps.fetch, timeoutMs: deps.timeoutMs, tokens, ...(deps.watchRequest ? { watchRequest: deps.watchRequest } : {}) };

  // Destinations that hold OAuth tokens, kept current so the synchronous save knows whether a password is needed.
  let signedIn = new Set<string>();
  const rememberSignIns = async () => void (signedIn = await deps.signedInIds());
  deps.onTokensChanged(() => void rememberSignIns());

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
  const refresh = async () => remember(await deps.destinations.getValue());
  deps.destinations.watch(remember);
  // Never rejects: a failed first read leaves the lists empty, as a page with nothing stored would be.
  const ready = Promise.all([refresh(), rememberSignIns()]).then(
    () => undefined,
    () => undefined,
  );

  const find = (id: string) => destinations.find((d) => d.id === id);
  const storedEntries = () => stored.flatMap((entry) => storedEntryOf(entry) ?? []);

  const serviceInfos = (): ServiceInfo[] =>
    providerIds.map((id) => ({ id, fields: getProvider(id).fields, defaultBaseUrl: getProvider(id).defaultBaseUrl }));

  const loadPreferences = async () => parsePreferences(await deps.preferences.getValue());

  async function persist(next: Destination[], preferences?: Partial<Preferences>, dropId?: string) {
    remember(keepInvalidEntries(stored, next, dropId));
    await deps.destinations.setValue(stored);
    const prefs = { ...(await loadPreferences()), ...preferences };
    const fallback = defaultDestination(next, prefs);
    if (fallback) prefs.defaultDestinationId = fallback.id;
    await deps.preferences.setValue(prefs);
  }

  /** After a settings change or Retry: the destination's paused captures go back to the queue. */
  async function resume(id: string): Promise<void> {
    await outbox.resumeDestination(id);
    deps.requestFlush();
  }

  /** The password grant, straight from the options page; the password goes to the token endpoint and nowhere else. */
  async function signInText(spec: Provider, destination: Destination, password: string): Promise<string> {
    const send = (request: ProviderRequest) =>
      sendRequest(request, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, idempotencyKey: 'sign-in', allowedOrigin: originOf(destination.baseUrl) });
    const result = await tokens.signIn(spec.auth!, destination, password, send);
    await rememberSignIns();
    if (result.ok) return t('optionsSignedIn', { name: destination.name });
    return t('optionsSignInFailed', { name: destination.name, reason: describeError(redactError(result.error, password), destination.name) });
  }

  return {
    /** Settles once the stored destinations and sign-ins have been read the first time. */
    ready,
    serviceInfos,
    loadPreferences,
    resume,
    baseUrlOf: (id: string) => find(id)?.baseUrl,
    nameOf: (id: string) => find(id)?.name,

    /** What the list shows beyond settings: why a destination waits, and how many captures wait for it. */
    async destinationStatus(d: { id: string; name: string; provider: string }): Promise<{ pausedText?: string; pending: number }> {
      const [pause, pending] = await Promise.all([outbox.getPause(d.id), outbox.countUndelivered(d.id)]);
      // Settings that no longer validate are said at once, not only after a capture paused on them.
      const error = invalid.find((entry) => entry.id === d.id)?.error ?? pause?.error;
      return { pending, ...(error && error.code !== 'permission-missing' ? { pausedText: describeError(error, PROVIDER_LABELS[d.provider as ProviderId] ?? d.name) } : {}) };
    },

    async formFor(id: string): Promise<RawForm & { provider: ProviderId }> {
      const destination = find(id) ?? (await refresh()).find((d) => d.id === id) ?? storedEntries().find((d) => d.id === id);
      if (!destination) throw new Error('unknown destination');
      return destinationToForm(destination) as RawForm & { provider: ProviderId };
    },

    /** Synchronous up to the permission request, which Chrome only allows inside the click's gesture. */
    saveDestination(provider: ProviderId, raw: RawForm): SaveFormAnswer {
      // An entry that no longer validates keeps its key through the fix too.
      const previous = typeof raw.id === 'string' ? (find(raw.id) ?? storedEntries().find((d) => d.id === raw.id)) : undefined;
      const storedKey = previous?.provider === provider && typeof previous.apiKey === 'string' ? previous.apiKey : '';
      const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : deps.newId() }, storedKey);
      if (!parsed.ok) {
        return { ok: false, errors: Object.fromEntries(Object.entries(parsed.errors).map(([key, problem]) => [key, formProblemText(key, problem, provider)])) };
      }
      const destination = parsed.value;
      const spec = getProvider(provider) as unknown as Provider;
      const password = typeof raw.password === 'string' ? raw.password : '';
      // A new sign-in needs the password; a signed-in destination keeps its tokens when the field is left empty.
      if (spec.auth && !password && !signedIn.has(destination.id)) return { ok: false, errors: { password: formProblemText('password', { code: 'required' }, provider) } };
      const granted = deps.requestPermission(destination.baseUrl).catch(() => false);
      const saved = persist(upsertDestination(destinations, destination)).then(() => granted);
      const signIn = spec.auth && password ? saved.then(() => signInText(spec, destination, password)) : undefined;
      void (signIn ?? saved).then(() => resume(destination.id));
      return signIn ? { ok: true, after: signIn } : { ok: true };
    },

    keyWarnings(provider: ProviderId, raw: RawForm): Record<string, string> {
      const warnings = getProvider(provider).settingsWarnings?.({ ...raw, provider } as never) ?? [];
      return Object.fromEntries(
        warnings.flatMap((w) => (w.field === 'apiKey' && w.details?.expectedPrefix ? [[w.field, t('optionsKeyPrefixWarning', { prefix: w.details.expectedPrefix })]] : [])),
      );
    },

    async removeDestination(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void> {
      if ('moveTo' in choice) {
        await outbox.moveDestination(id, choice.moveTo);
        deps.requestFlush();
      } else await outbox.removeByDestination(id);
      await persist((await refresh()).filter((d) => d.id !== id), undefined, id);
      await deps.tokenStore.set(id, undefined);
    },

    async makeDefault(id: string): Promise<void> {
      await deps.preferences.setValue({ ...(await loadPreferences()), defaultDestinationId: id });
    },

    async savePreferences(patch: Partial<Preferences>): Promise<void> {
      await deps.preferences.setValue({ ...(await loadPreferences()), ...patch });
    },

    async checkText(id: string): Promise<string> {
      const destination = find(id);
      if (!destination) return '';
      const report = await checkConnection(destination, checkDeps);
      const origin = originOf(destination.baseUrl);
      if (report.ok) return t('checkOk', { origin, status: report.status });
      const key = CHECK_CAUSES[report.cause];
      if (key) return t(key, { origin, host: new URL(destination.baseUrl).hostname, url: report.url, status: report.error.status });
      const reason = describeError(report.error, destination.name);
      return report.stage === 'answer' ? t('checkRejected', { origin, reason }) : t('checkUnreachable', { origin, reason });
    },

    async testLinkText(id: string): Promise<string | undefined> {
      const destination = find(id);
      if (!destination) return undefined;
      const outcome = await sendTestLink(destination, checkDeps);
      if (outcome.kind === 'synced') {
        const shown = outcome.result.link ?? (outcome.result.id ? t('testLinkId', { id: outcome.result.id }) : '');
        return shown ? t('testLinkCreatedResult', { result: shown }) : t('testLinkCreated');
      }
      return t('testLinkFailed', { reason: describeError(outcome.error, destination.name) });
    },

    async downloadSettings(includeKeys: boolean): Promise<void> {
      const text = exportSettings(await refresh(), await loadPreferences(), { includeKeys });
      deps.download(`keeplink-settings${includeKeys ? '-with-keys' : ''}.json`, 'application/json', text);
    },

    async previewImport(text: string): Promise<ImportPreviewView> {
      const parsed = parseSettingsImport(text);
      if (!parsed.ok) {
        const details = parsed.error.details ?? {};
        const problem = details.problem ? formProblemText('baseUrl', { code: String(details.problem) }) : undefined;
        return { ok: false, text: t(IMPORT_PROBLEMS[String(details.reason)] ?? 'transferNotKeeplink', { ...details, problem, index: Number(details.index ?? 0) + 1 }) };
      }
      const plan = planSettingsImport({ destinations, preferences: await loadPreferences() }, parsed.value);
      const lines = [
        ...plan.destinationChanges.flatMap(destinationLines),
        ...plan.preferenceChanges.map(({ key, from, to }) =>
          t('transferPreferenceChange', { label: PREFERENCE_LABELS[key] ? t(PREFERENCE_LABELS[key]) : key, from: preferenceValue(key, from, plan), to: preferenceValue(key, to, plan) }),
        ),
      ];
      return { ok: true, lines: lines.length ? lines : [t('transferNoChanges')], apply: () => persist(plan.destinations, plan.preferences) };
    },

    async deleteAllLocalData(): Promise<void> {
      await deps.clearAllData();
      remember([]);
    },
  };
}

/** The options page's ops on this browser's storage, outbox, permissions and network. */
export function optionsOps(): OptionsOps {
  const tokens = createStoredTokenSessions();
  return createOptionsOps({
    outbox: createOutbox(),
    destinations: destinationsItem,
    preferences: preferencesItem,
    tokens,
    tokenStore,
    signedInIds,
    onTokensChanged,
    hasPermission: hasDestinationPermission,
    requestPermission: requestDestinationPermission,
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 15_000,
    watchRequest,
    requestFlush,
    download: downloadText,
    newId: () => crypto.randomUUID(),
    async clearAllData() {
      await browser.storage.local.clear();
      await browser.storage.session.clear().catch(() => undefined);
      await deleteOutboxDatabase();
    },
  });
}
