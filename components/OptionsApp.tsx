// The options page: the destination list, the add/edit form and the remove dialog.
import { useEffect, useState } from 'preact/hooks';
import type { ProviderId } from '../lib/providers/types';
import type { Preferences } from '../lib/settings';
import type { PickerAnswer } from './CollectionPicker';
import { DestinationForm, type RawForm, type ServiceInfo } from './DestinationForm';
import { DestinationList, type DestinationView } from './DestinationList';
import { t } from './i18n';
import { RemoveDestination } from './RemoveDestination';
import { PreferencesForm } from './PreferencesForm';
import { SettingsTransfer, type ImportPreviewView } from './SettingsTransfer';

/** `after`: a sentence that comes once a slower step of the save is done (wallabag's sign-in). */
export type SaveFormAnswer = { ok: true; after?: Promise<string> } | { ok: false; errors: Record<string, string> };

export interface OptionsServices {
  /** The services and their form fields; loaded after first paint with the schemas. */
  loadServices(): Promise<readonly ServiceInfo[]>;
  load(): Promise<DestinationView[]>;
  /** Calls back whenever destinations, permissions or the outbox change; returns an unsubscribe. */
  subscribe(onChange: () => void): () => void;
  formFor(id: string): Promise<RawForm & { provider: ProviderId }>;
  /** Synchronous on purpose: it requests host permission inside the click's user gesture. */
  save(provider: ProviderId, raw: RawForm): SaveFormAnswer;
  warnings(provider: ProviderId, raw: RawForm): Record<string, string>;
  /** Linkwarden's collections for the form's base URL and key; synchronous up to the permission request in the click. */
  chooseCollection(raw: RawForm): Promise<PickerAnswer>;
  remove(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void>;
  makeDefault(id: string): Promise<void>;
  grant(id: string): void;
  retry(id: string): Promise<void>;
  /** A sentence saying what the check found. */
  checkConnection(id: string): Promise<string>;
  /** Asks the user first (it creates real data); undefined when they declined. */
  sendTestLink(id: string): Promise<string | undefined>;
  exportSettings(includeKeys: boolean): void;
  previewImport(text: string): Promise<ImportPreviewView>;
  loadPreferences(): Promise<Preferences>;
  /** The organization's policy as Options shows it: the parts it ignored (why, in words) and the preferences it sets. */
  loadPolicy(): Promise<PolicyNotes>;
  setPreferences(patch: Partial<Preferences>): void;
  /** Asks first; resolves to a sentence saying what happened, or undefined when the user declined. */
  deleteAllData(): Promise<string | undefined>;
}

export interface PolicyNotes {
  problems: readonly string[];
  managedPreferences: readonly string[];
}

type Editor = { initial: RawForm & { provider: ProviderId }; editing: boolean; errors: Record<string, string>; services: readonly ServiceInfo[] };

export function OptionsApp({ services }: { services: OptionsServices }) {
  const [items, setItems] = useState<DestinationView[]>();
  const [editor, setEditor] = useState<Editor>();
  const [removing, setRemoving] = useState<DestinationView>();
  const [notice, setNotice] = useState('');
  const [checkText, setCheckText] = useState<Record<string, string>>({});
  const showCheck = (id: string, text: string | undefined) => text && setCheckText((all) => ({ ...all, [id]: text }));

  const [preferences, setPreferences] = useState<Preferences>();
  const [policy, setPolicy] = useState<PolicyNotes>();
  const refresh = () => {
    void services.load().then(setItems);
    void services.loadPreferences().then(setPreferences);
    void services.loadPolicy().then(setPolicy);
  };
  useEffect(() => {
    refresh();
    return services.subscribe(refresh);
  }, []);

  const [serviceList, setServiceList] = useState<readonly ServiceInfo[]>();
  useEffect(() => void services.loadServices().then(setServiceList), []);
  const addable = (serviceList ?? []).filter((s) => s.addable !== false);

  // The button appears once the services (and their schemas) are loaded, so opening the form is immediate.
  const add = (list: readonly ServiceInfo[]) => {
    const first = list[0]!;
    setEditor({
      services: list,
      initial: {
        provider: first.id,
        id: '',
        name: '',
        apiKey: '',
        baseUrl: first.defaultBaseUrl ?? '',
        ...Object.fromEntries(first.fields.filter((f) => f.defaultValue !== undefined).map((f) => [f.key, f.defaultValue!])),
      },
      editing: false,
      errors: {},
    });
  };

  const save = (provider: ProviderId, raw: RawForm) => {
    const answer = services.save(provider, raw);
    if (answer.ok) {
      setEditor(undefined);
      setNotice(t('optionsSaved', { name: String(raw.name) }));
      void answer.after?.then(setNotice);
    } else setEditor((e) => e && { ...e, errors: answer.errors });
  };

  return (
    <main class="options">
      <h1>{t('optionsHeading')}</h1>
      <p class="muted">{t('optionsIntro')}</p>
      {policy && policy.problems.length > 0 && (
        <section aria-labelledby="policy-heading">
          <h2 id="policy-heading">{t('policyHeading')}</h2>
          {policy.problems.map((text) => (
            <p class="warning" key={text}>
              {text}
            </p>
          ))}
        </section>
      )}
      {items === undefined ? null : (
        <DestinationList
          items={items}
          onEdit={(id) =>
            void Promise.all([services.formFor(id), services.loadServices()]).then(([initial, list]) => setEditor({ initial, editing: true, errors: {}, services: list }))
          }
          onRemove={(id) => {
            const item = items.find((i) => i.id === id);
            if (item && item.pending === 0) void services.remove(id, { deleteCaptures: true }).then(() => setNotice(t('optionsRemoved', { name: item.name })));
            else setRemoving(item);
          }}
          onMakeDefault={(id) => void services.makeDefault(id)}
          onGrant={services.grant}
          onRetry={(id) => void services.retry(id)}
          onCheck={(id) => {
            showCheck(id, t('optionsChecking'));
            void services.checkConnection(id).then((text) => showCheck(id, text));
          }}
          onTestLink={(id) => void services.sendTestLink(id).then((text) => showCheck(id, text))}
          checkText={checkText}
        />
      )}
      {removing && (
        <RemoveDestination
          name={removing.name}
          pending={removing.pending}
          others={(items ?? []).filter((i) => i.id !== removing.id)}
          onCancel={() => setRemoving(undefined)}
          onConfirm={(choice) => {
            const name = removing.name;
            setRemoving(undefined);
            void services.remove(removing.id, choice).then(() => setNotice(t('optionsRemoved', { name })));
          }}
        />
      )}
      {editor ? (
        <DestinationForm
          key={editor.initial.id || 'new'}
          services={editor.services}
          initial={editor.initial}
          errors={editor.errors}
          editing={editor.editing}
          warningsFor={services.warnings}
          chooseCollection={services.chooseCollection}
          onSave={save}
          onCancel={() => setEditor(undefined)}
        />
      ) : (
        // Only services the organization allows are offered; with none, there is nothing to add.
        addable.length > 0 && (
          <button type="button" class="primary" onClick={() => add(addable)}>
            {t('optionsAddDestination')}
          </button>
        )
      )}
      {preferences && (
        <PreferencesForm
          preferences={preferences}
          managed={policy?.managedPreferences}
          onChange={(patch) => {
            setPreferences({ ...preferences, ...patch });
            services.setPreferences(patch);
          }}
          onDeleteAll={() => void services.deleteAllData().then((text) => text && setNotice(text))}
        />
      )}
      <SettingsTransfer onExport={services.exportSettings} onPreview={services.previewImport} onDone={setNotice} />
      <p role="status" class="status">
        {notice}
      </p>
    </main>
  );
}
