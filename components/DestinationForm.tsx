// The add/edit form for one destination: service, common fields, the service's own fields, errors at each field.
import { useEffect, useState } from 'preact/hooks';
import type { FieldSpec, ProviderId } from '../lib/providers/types';
import { CollectionPicker, type PickerAnswer } from './CollectionPicker';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { t } from './i18n';
import { TEMPLATE_PLACEHOLDERS } from '../lib/providers/webhook-placeholders';
import { FIELD_HINTS, fieldLabel, POOZLE_NOTICE, PROVIDER_LABELS } from './labels';
import { SecretField } from './SecretField';

export type RawForm = Record<string, string | boolean>;

export interface ServiceInfo {
  id: ProviderId;
  fields: readonly FieldSpec[];
  defaultBaseUrl?: string | undefined;
  /** false: the organization's policy does not allow adding destinations of this service (editing one still works). */
  addable?: boolean;
}

export interface DestinationFormProps {
  services: readonly ServiceInfo[];
  initial: RawForm & { provider: ProviderId };
  /** Field key → message; set by the parent after a failed save. */
  errors: Record<string, string>;
  /** Non-blocking advice for the current values (e.g. a Userplane key without uspl_). */
  warningsFor?: (provider: ProviderId, raw: RawForm) => Record<string, string>;
  editing: boolean;
  /** Linkwarden's "Choose collection"; absent, the button is not shown. */
  chooseCollection?: (raw: RawForm) => Promise<PickerAnswer>;
  /** Called synchronously from the click, so the parent can request host permission with no await before it. */
  onSave: (provider: ProviderId, raw: RawForm) => void;
  onCancel: () => void;
}

const asText = (value: string | boolean | undefined) => (typeof value === 'string' ? value : '');

export function DestinationForm({ services, initial, errors: savedErrors, warningsFor, editing, chooseCollection, onSave, onCancel }: DestinationFormProps) {
  // Messages belong to the service they were given for: switching service hides them until the next save.
  const [errorsFor, setErrorsFor] = useState<ProviderId>(initial.provider);
  const [provider, setProvider] = useState<ProviderId>(initial.provider);
  const [raw, setRaw] = useState<RawForm>(initial);
  const service = services.find((s) => s.id === provider) ?? services[0]!;
  const set = (key: string) => (value: string | boolean) => setRaw((r) => ({ ...r, [key]: value }));

  const errors = errorsFor === provider ? savedErrors : {};
  useEffect(() => setErrorsFor(provider), [savedErrors]);

  const changeProvider = (next: ProviderId) => {
    const previousDefault = service.defaultBaseUrl ?? '';
    const nextService = services.find((s) => s.id === next);
    setProvider(next);
    setRaw((r) => {
      const base = asText(r.baseUrl);
      const keepBase = base && base !== previousDefault;
      const defaults = Object.fromEntries((nextService?.fields ?? []).filter((f) => f.defaultValue !== undefined).map((f) => [f.key, f.defaultValue!]));
      return { id: r.id ?? '', name: r.name ?? '', apiKey: r.apiKey ?? '', ...defaults, baseUrl: keepBase ? base : (nextService?.defaultBaseUrl ?? '') };
    });
  };

  // A policy destination (formFor marks it): locked, every field is read-only but a key the admin left to the user.
  const managed = initial.managed === true;
  const locked = managed && initial.locked === true;
  const keyEditable = !locked || initial.keyEditable === true;
  const managedNote = managed ? t(locked ? (keyEditable ? 'policyFormLockedKey' : 'policyFormLocked') : 'policyFormOpen') : undefined;

  const warnings = warningsFor?.(provider, raw);
  const label = (key: string) => fieldLabel(key, provider);
  const hint = (key: string) => FIELD_HINTS[`${provider}.${key}`];

  return (
    <form
      class="destination-form"
      aria-label={editing ? t('destinationFormEdit') : t('destinationFormNew')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(provider, raw);
      }}
    >
      {managedNote && <p class="notice">{managedNote}</p>}
      <div class="field">
        <label for="service">{t('destinationFormService')}</label>
        <select
          id="service"
          value={provider}
          disabled={editing}
          aria-describedby={errors.provider ? 'service-error' : undefined}
          onChange={(e) => changeProvider((e.currentTarget as HTMLSelectElement).value as ProviderId)}
        >
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {PROVIDER_LABELS[s.id]}
            </option>
          ))}
        </select>
        {errors.provider && (
          <p class="field-error" id="service-error">
            {errors.provider}
          </p>
        )}
      </div>
      {provider === 'poozle' && <p class="notice">{POOZLE_NOTICE}</p>}
      <Field id="name" label={label('name')} value={asText(raw.name)} onInput={set('name')} error={errors.name} placeholder={PROVIDER_LABELS[provider]} readOnly={locked} />
      <Field
        id="baseUrl"
        label={label('baseUrl')}
        value={asText(raw.baseUrl)}
        onInput={set('baseUrl')}
        error={errors.baseUrl}
        inputMode="url"
        placeholder="https://"
        readOnly={locked}
      />
      <SecretField
        id="apiKey"
        label={label('apiKey')}
        value={asText(raw.apiKey)}
        onInput={set('apiKey')}
        error={errors.apiKey ?? warnings?.apiKey}
        hint={hint('apiKey')}
        saved={editing && initial.keySaved === true}
        readOnly={!keyEditable}
      />
      {service.fields.map((field) =>
        field.kind === 'password' ? (
          <SecretField key={field.key} id={field.key} label={label(field.key)} value={asText(raw[field.key])} onInput={set(field.key)} error={errors[field.key]} hint={hint(field.key)} />
        ) : field.kind === 'choice' ? (
          <div class="field" key={field.key}>
            <label for={field.key}>{label(field.key)}</label>
            <select id={field.key} value={asText(raw[field.key])} disabled={locked} onChange={(e) => set(field.key)((e.currentTarget as HTMLSelectElement).value)}>
              {(field.choices ?? []).map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </div>
        ) : field.kind === 'checkbox' ? (
          <label class="check" key={field.key}>
            <input
              type="checkbox"
              checked={raw[field.key] === true}
              disabled={locked}
              onChange={(e) => set(field.key)((e.currentTarget as HTMLInputElement).checked)}
            />
            {label(field.key)}
          </label>
        ) : (
          <div key={field.key}>
            <Field
              id={field.key}
              label={label(field.key)}
              value={asText(raw[field.key])}
              onInput={set(field.key)}
              error={errors[field.key]}
              inputMode={field.kind === 'int' || field.kind === 'int-list' ? 'numeric' : undefined}
              placeholder={field.required ? undefined : t('destinationFormOptional')}
              multiline={field.kind === 'header-list' || field.kind === 'json-template'}
              rows={field.kind === 'json-template' ? 10 : 3}
              readOnly={locked}
            />
            {hint(field.key) && <p class="hint">{hint(field.key)}</p>}
            {provider === 'linkwarden' && field.key === 'collectionId' && chooseCollection && (
              <CollectionPicker load={() => chooseCollection(raw)} value={asText(raw.collectionId)} onPick={set('collectionId')} />
            )}
            {field.kind === 'json-template' && (
              <p class="hint">{t('hintWebhookBodyTemplate', { placeholders: TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(' ') })}</p>
            )}
            {field.suggestions && <p class="hint">{t('destinationFormKnownValues', { values: field.suggestions.join(', ') })}</p>}
          </div>
        ),
      )}
      <FormActions submitLabel={t('destinationFormSave')} onCancel={onCancel} />
    </form>
  );
}
