// Loaded right after the options page's first paint: schemas and validation, the outbox, the network, import/export.
import { browser } from 'wxt/browser';
import type { RawForm, ServiceInfo } from '../../components/DestinationForm';
import { downloadText } from '../../components/download';
import { t, type MessageKey } from '../../components/i18n';
import { formProblemText, PROVIDER_LABELS } from '../../components/labels';
import { describeError } from '../../components/messages';
import type { PickerAnswer } from '../../components/CollectionPicker';
import type { SaveFormAnswer } from '../../components/OptionsApp';
import type { ImportPreviewView } from '../../components/SettingsTransfer';
import type { CheckCause } from '../../lib/connection-causes';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { destinationToForm, parseDestinationForm, storedEntryOf, type FieldProblem } from '../../lib/destination-form';
import { checkBaseUrl, originOf } from '../../lib/origin';
import { createCollectionPicker } from '../../lib/pickers/linkwarden-collections';
import { deleteOutboxDatabase } from '../../lib/outbox/db';
import { createOutbox, type Outbox } from '../../lib/outbox/outbox';
import { requestFlush } from '../../lib/platform/flush-request';
import { watchRequest } from '../../lib/platform/request-watch';
import { hasDestinationPermission, requestDestinationPermission } from '../../lib/platform/permissions';
import { destinationsItem, managedLocalItem, preferencesItem, type StorageItem } from '../../lib/platform/storage';
import { createStoredTokenSessions, onTokensChanged, signedInIds, tokenStore } from '../../lib/platform/token-store';
import { sendRequest, type FetchLike } from '../../lib/http';
import type { Result } from '../../lib/errors';
import { redactError } from '../../lib/redact';
import { getProvider, isProviderId, providerIds, withProvider, type Destination } from '../../lib/providers';
import type { TokenSessions, TokenSet, TokenStore } from '../../lib/providers/token-session';
import type { ProviderId, ProviderRequest } from '../../lib/providers/types';
import { defaultDestination } from '../../lib/default-destination';
import { isManagedId } from '../../lib/managed-ids';
import { mayAddService, type PolicyProblem, type PolicyProblemReason } from '../../lib/managed-policy';
import { applyManagedEdit, checkUserDestination, screenImport, withoutManagedPreferences } from '../../lib/managed-edits';
import { mergeSettings, parseManagedLocal } from '../../lib/managed-settings';
import { onManagedChanged, readManagedPolicy } from '../../lib/platform/managed';
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
  /** The organization's policy (storage.managed, {} when none), and a call back whenever the admin changes it. */
  readPolicy(): Promise<unknown>;
  onPolicyChanged(callback: () => void): () => void;
  /** What the user keeps for the policy's destinations: a key left to them, edits of unlocked ones. */
  managedLocal: StorageItem<Record<string, unknown>>;
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
  includeSelection: 'prefsIncludeSelection',
  saveOnOpen: 'prefsSaveOnOpen',
  closeAfterSave: 'prefsCloseAfterSave',
};

const POLICY_REASONS: Record<PolicyProblemReason, MessageKey> = {
  'not-an-object': 'policyReasonNotAnObject',
  'not-a-list': 'policyReasonNotAList',
  'bad-id': 'policyReasonBadId',
  'duplicate-id': 'policyReasonDuplicateId',
  'unknown-service': 'policyReasonUnknownService',
  'not-manageable': 'policyReasonNotManageable',
  'bad-field': 'policyReasonBadField',
  'bad-base-url': 'policyReasonBadBaseUrl',
  'bad-value': 'policyReasonBadValue',
};

/** Each field's problem in words, next to that field. */
const formErrors = (errors: Record<string, FieldProblem>, provider: ProviderId) =>
  Object.fromEntries(Object.entries(errors).map(([key, problem]) => [key, formProblemText(key, problem, provider)]));

const policyProblemText = (problem: PolicyProblem) =>
  t('policyIgnored', { part: problem.part, reason: t(POLICY_REASONS[problem.reason], { field: problem.field ?? '' }) });

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

  // The policy and what the user keeps for it, kept current like the stored list (the save runs synchronously).
  let policyRaw: unknown = {};
  let localRaw: unknown = {};
  const managedState = () => mergeSettings({ policy: policyRaw, destinations: [], preferences: {}, managedLocal: localRaw });
  let managed = managedState();
  const rememberPolicy = async () => {
    [policyRaw, localRaw] = await Promise.all([deps.readPolicy(), deps.managedLocal.getValue()]);
    managed = managedState();
  };
  deps.onPolicyChanged(() => void rememberPolicy());
  deps.managedLocal.watch((raw) => {
    localRaw = raw;
    managed = managedState();
  });
  const managedView = (id: string) => managed.managed.find((m) => m.destination.id === id);

  // Never rejects: a failed first read leaves the lists empty, as a page with nothing stored would be.
  const ready = Promise.all([refresh(), rememberSignIns(), rememberPolicy()]).then(
    () => undefined,
    () => undefined,
  );

  const find = (id: string) => managedView(id)?.destination ?? destinations.find((d) => d.id === id);
  const collections = createCollectionPicker({ fetch: deps.fetch, timeoutMs: deps.timeoutMs });
  const storedEntries = () => stored.flatMap((entry) => storedEntryOf(entry) ?? []);

  // A service the policy does not allow is still listed for editing an existing destination, never for adding one.
  const serviceInfos = (): ServiceInfo[] =>
    providerIds.map((id) => ({ id, fields: getProvider(id).fields, defaultBaseUrl: getProvider(id).defaultBaseUrl, ...(mayAddService(managed.policy, id) ? {} : { addable: false }) }));

  /** The user's own preferences, as stored: what a change is written over (the policy's values are never copied in). */
  const userPreferences = async () => parsePreferences(await deps.preferences.getValue());
  /** What is in force: the policy's values over the user's. */
  const loadPreferences = async () => ({ ...(await userPreferences()), ...managed.policy.preferences });

  async function persist(next: Destination[], preferences?: Partial<Preferences>, dropId?: string) {
    remember(keepInvalidEntries(stored, next, dropId));
    await deps.destinations.setValue(stored);
    const prefs = { ...(await userPreferences()), ...preferences };
    const fallback = defaultDestination([...managed.destinations, ...next], prefs);
    if (fallback) prefs.defaultDestinationId = fallback.id;
    await deps.preferences.setValue(prefs);
  }

  /** After a settings change or Retry: the destination's paused captures go back to the queue. */
  async function resume(id: string): Promise<void> {
    await outbox.resumeDestination(id);
    deps.requestFlush();
  }

  /** The password grant, straight from the options page; the password goes to the token endpoint and nowhere else. */
  type SignIn = (password: string) => Promise<Result<TokenSet>>;

  /** The password grant of a destination whose service signs in with OAuth (wallabag); undefined for a key-based one. */
  function passwordSignIn(destination: Destination): SignIn | undefined {
    const send = (request: ProviderRequest) =>
      sendRequest(request, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, idempotencyKey: 'sign-in', allowedOrigin: originOf(destination.baseUrl) });
    return withProvider(destination, (provider, own) => {
      const { auth } = provider;
      return auth && ((password: string) => tokens.signIn(auth, own, password, send));
    });
  }

  async function signInText(signIn: SignIn, destination: Destination, password: string): Promise<string> {
    const result = await signIn(password);
    await rememberSignIns();
    if (result.ok) return t('optionsSignedIn', { name: destination.name });
    return t('optionsSignInFailed', { name: destination.name, reason: describeError(redactError(result.error, password), destination.name) });
  }

  /** A policy destination's save: a locked one takes only a key the admin left open, refused in lib otherwise. */
  function saveManaged(provider: ProviderId, raw: RawForm): SaveFormAnswer {
    const view = managedView(String(raw.id));
    if (!view) return { ok: false, errors: { provider: t('policyLocked') } };
    const parsed = parseDestinationForm(provider, raw, view.destination.apiKey);
    if (!parsed.ok) {
      return { ok: false, errors: formErrors(parsed.errors, provider) };
    }
    const typedKey = typeof raw.apiKey === 'string' ? raw.apiKey : '';
    const applied = applyManagedEdit(managed.policy, parseManagedLocal(localRaw), { destination: parsed.value, typedKey });
    if (!applied.ok) return { ok: false, errors: { provider: t('policyLocked') } };
    const granted = deps.requestPermission(parsed.value.baseUrl).catch(() => false);
    localRaw = applied.value;
    managed = managedState();
    void deps.managedLocal
      .setValue(applied.value)
      .then(() => granted)
      .then(() => resume(parsed.value.id));
    return { ok: true };
  }

  return {
    /** Settles once the stored destinations and sign-ins have been read the first time. */
    ready,
    serviceInfos,
    loadPreferences,
    resume,
    baseUrlOf: (id: string) => find(id)?.baseUrl,
    nameOf: (id: string) => find(id)?.name,

    /** What the list shows beyond settings: why a destination waits, how many captures wait for it, and who set it. */
    async destinationStatus(d: { id: string; name: string; provider: string }): Promise<{ pausedText?: string; pending: number; managed?: { locked: boolean } }> {
      const [pause, pending] = await Promise.all([outbox.getPause(d.id), outbox.countUndelivered(d.id)]);
      // Settings that no longer validate (or a policy key still to fill in) are said at once, not only after a capture paused on them.
      const error = [...invalid, ...managed.invalidDestinations].find((entry) => entry.id === d.id)?.error ?? pause?.error;
      const view = managedView(d.id);
      return {
        pending,
        ...(error && error.code !== 'permission-missing' ? { pausedText: describeError(error, isProviderId(d.provider) ? PROVIDER_LABELS[d.provider] : d.name) } : {}),
        ...(view ? { managed: { locked: view.locked } } : {}),
      };
    },

    /** The policy's parts Keeplink ignored (each with its reason) and the preferences it sets. */
    policyNotes: () => ({ problems: managed.policy.problems.map(policyProblemText), managedPreferences: managed.managedPreferences }),

    async formFor(id: string): Promise<RawForm & { provider: ProviderId }> {
      const view = managedView(id);
      if (view) return { ...destinationToForm(view.destination), managed: true, locked: view.locked, keyEditable: view.keyEditable };
      const destination = find(id) ?? (await refresh()).find((d) => d.id === id) ?? storedEntries().find((d) => d.id === id);
      if (!destination) throw new Error('unknown destination');
      return destinationToForm(destination);
    },

    /** Synchronous up to the permission request, which Chrome only allows inside the click's gesture. */
    saveDestination(provider: ProviderId, raw: RawForm): SaveFormAnswer {
      if (typeof raw.id === 'string' && managedView(raw.id)) return saveManaged(provider, raw);
      // An entry that no longer validates keeps its key through the fix too.
      const previous = typeof raw.id === 'string' ? (find(raw.id) ?? storedEntries().find((d) => d.id === raw.id)) : undefined;
      const storedKey = previous?.provider === provider && typeof previous.apiKey === 'string' ? previous.apiKey : '';
      const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : deps.newId() }, storedKey);
      if (!parsed.ok) {
        return { ok: false, errors: formErrors(parsed.errors, provider) };
      }
      const destination = parsed.value;
      const refused = checkUserDestination(managed.policy, destination, !previous);
      if (refused) return { ok: false, errors: { provider: t(refused === 'managed-id' ? 'policyLocked' : 'policyServiceNotAllowed', { service: PROVIDER_LABELS[provider] }) } };
      const signInWith = passwordSignIn(destination);
      const password = typeof raw.password === 'string' ? raw.password : '';
      // A new sign-in needs the password; a signed-in destination keeps its tokens when the field is left empty.
      if (signInWith && !password && !signedIn.has(destination.id)) return { ok: false, errors: { password: formProblemText('password', { code: 'required' }, provider) } };
      const granted = deps.requestPermission(destination.baseUrl).catch(() => false);
      const saved = persist(upsertDestination(destinations, destination)).then(() => granted);
      const signIn = signInWith && password ? saved.then(() => signInText(signInWith, destination, password)) : undefined;
      void (signIn ?? saved).then(() => resume(destination.id));
      return signIn ? { ok: true, after: signIn } : { ok: true };
    },

    /**
     * "Choose collection" (Linkwarden): the form's base URL with the key typed there, or else the saved key, but only
     * while the base URL keeps the saved one's origin, so a key never goes to a server the user just typed in.
     * Synchronous up to the permission request, which needs the click's gesture.
     */
    collectionChoices(raw: RawForm): Promise<PickerAnswer> {
      const base = checkBaseUrl(typeof raw.baseUrl === 'string' ? raw.baseUrl : '');
      if (!base.ok) return Promise.resolve({ ok: false, text: t('pickerNeedsBaseUrl') });
      const origin = originOf(base.value);
      const saved = typeof raw.id === 'string' && raw.id ? find(raw.id) : undefined;
      const typed = typeof raw.apiKey === 'string' ? raw.apiKey.trim() : '';
      const key = typed || (saved?.provider === 'linkwarden' && originOf(saved.baseUrl) === origin ? saved.apiKey : '');
      if (!key) return Promise.resolve({ ok: false, text: t('pickerNeedsKey') });
      const granted = deps.requestPermission(base.value).catch(() => false);
      return granted.then(async (allowed): Promise<PickerAnswer> => {
        if (!allowed) return { ok: false, text: t('pickerNeedsPermission', { origin }) };
        const result = await collections.choices(base.value, key);
        if (result.ok) return result.value.length ? { ok: true, choices: result.value } : { ok: false, text: t('pickerEmpty') };
        if (result.error.code === 'auth-invalid') return { ok: false, text: t('checkKeyWrong', { origin, status: result.error.status }) };
        return { ok: false, text: t('pickerFailed', { origin, reason: describeError(result.error, PROVIDER_LABELS.linkwarden) }) };
      });
    },

    keyWarnings(provider: ProviderId, raw: RawForm): Record<string, string> {
      const warnings = getProvider(provider).settingsWarnings?.({ apiKey: typeof raw.apiKey === 'string' ? raw.apiKey : '' }) ?? [];
      return Object.fromEntries(
        warnings.flatMap((w) => (w.field === 'apiKey' && w.details?.expectedPrefix ? [[w.field, t('optionsKeyPrefixWarning', { prefix: w.details.expectedPrefix })]] : [])),
      );
    },

    async removeDestination(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void> {
      // The policy decides which of its destinations exist; the list offers no Remove for them either.
      if (isManagedId(id)) return;
      if ('moveTo' in choice) {
        await outbox.moveDestination(id, choice.moveTo);
        deps.requestFlush();
      } else await outbox.removeByDestination(id);
      await persist((await refresh()).filter((d) => d.id !== id), undefined, id);
      await deps.tokenStore.set(id, undefined);
    },

    async makeDefault(id: string): Promise<void> {
      await deps.preferences.setValue({ ...(await userPreferences()), defaultDestinationId: id });
    },

    async savePreferences(patch: Partial<Preferences>): Promise<void> {
      await deps.preferences.setValue({ ...(await userPreferences()), ...withoutManagedPreferences(patch, managed.managedPreferences) });
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
      const screened = screenImport(managed, destinations, parsed.value);
      const plan = planSettingsImport({ destinations, preferences: await loadPreferences() }, screened.preview);
      const lines = [
        ...screened.refused.map(({ destination, reason }) =>
          t(reason === 'service-not-allowed' ? 'transferRefusedService' : 'transferRefusedManaged', { name: destination.name, service: PROVIDER_LABELS[destination.provider] }),
        ),
        ...screened.managedPreferences.map((key) => t('transferPreferenceManaged', { label: PREFERENCE_LABELS[key] ? t(PREFERENCE_LABELS[key]) : key })),
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
    readPolicy: readManagedPolicy,
    onPolicyChanged: onManagedChanged,
    managedLocal: managedLocalItem,
    async clearAllData() {
      await browser.storage.local.clear();
      await browser.storage.session.clear().catch(() => undefined);
      await deleteOutboxDatabase();
    },
  });
}
