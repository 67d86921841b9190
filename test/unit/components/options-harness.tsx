// Renders the options page with fake services whose save and warnings use the real form parser and labels.
import { render } from '@testing-library/preact';
import { vi, type Mock } from 'vitest';
import type { RawForm } from '../../../components/DestinationForm';
import type { DestinationView } from '../../../components/DestinationList';
import { formProblemText } from '../../../components/labels';
import { OptionsApp, type OptionsServices, type SaveFormAnswer } from '../../../components/OptionsApp';
import { parseDestinationForm } from '../../../lib/destination-form';
import { getProvider, providerIds } from '../../../lib/providers';
import type { ProviderId } from '../../../lib/providers/types';
import { DEFAULT_PREFERENCES } from '../../../lib/settings';

export const SERVICES: Awaited<ReturnType<OptionsServices['loadServices']>> = providerIds.map((id) => ({
  id,
  fields: getProvider(id).fields,
  defaultBaseUrl: getProvider(id).defaultBaseUrl,
}));

export function destinationView(overrides: Partial<DestinationView> & { id: string; name: string }): DestinationView {
  return { provider: 'sharely', isDefault: false, needsPermission: false, pending: 0, ...overrides };
}

/** What the fake ops keep for an edited destination whose form says a key is saved. */
export const STORED_KEY = 'sk_stored_in_harness';

/**
 * The same wording entrypoints/options/ops.ts gives a failed parse and a Userplane key warning; that module opens the
 * outbox and storage when imported, so the wording is restated here on top of the real parser and labels.
 */
export function saveAnswerFor(provider: ProviderId, raw: RawForm): SaveFormAnswer {
  // ops.ts keeps the stored key when the field is blank; the form only knows that one is saved.
  const parsed = parseDestinationForm(provider, { ...raw, id: typeof raw.id === 'string' && raw.id ? raw.id : 'new-id' }, raw.keySaved === true ? STORED_KEY : '');
  if (parsed.ok) return { ok: true };
  const errors = Object.entries(parsed.errors).map(([key, problem]) => [key, formProblemText(key, problem, provider)]);
  return { ok: false, errors: Object.fromEntries(errors) };
}

export function warningsFor(provider: ProviderId, raw: RawForm): Record<string, string> {
  const warnings = getProvider(provider).settingsWarnings?.({ ...raw, provider } as never) ?? [];
  return Object.fromEntries(
    warnings.flatMap((w) =>
      w.field === 'apiKey' && w.details?.expectedPrefix
        ? [[w.field, `Keys for this service usually start with ${w.details.expectedPrefix}; check that this is the right key.`]]
        : [],
    ),
  );
}

type Fakes = { [K in keyof OptionsServices]: Mock<OptionsServices[K]> };

export interface OptionsHarness extends Fakes {
  unsubscribe: Mock<() => void>;
  /** Fires the subscription, as a storage, permission or outbox change would. */
  changed(): void;
}

export function showOptions(options: { items?: DestinationView[]; forms?: Record<string, RawForm & { provider: ProviderId }> } = {}): OptionsHarness {
  let onChange: (() => void) | undefined;
  const unsubscribe = vi.fn<() => void>();
  const fakes: Fakes = {
    loadServices: vi.fn<OptionsServices['loadServices']>(() => Promise.resolve(SERVICES)),
    load: vi.fn<OptionsServices['load']>(() => Promise.resolve(options.items ?? [])),
    subscribe: vi.fn<OptionsServices['subscribe']>((listener) => {
      onChange = listener;
      return unsubscribe;
    }),
    formFor: vi.fn<OptionsServices['formFor']>((id) => {
      const form = options.forms?.[id];
      return form ? Promise.resolve(form) : Promise.reject(new Error(`no form for ${id}`));
    }),
    save: vi.fn<OptionsServices['save']>(saveAnswerFor),
    warnings: vi.fn<OptionsServices['warnings']>(warningsFor),
    chooseCollection: vi.fn<OptionsServices['chooseCollection']>(() =>
      Promise.resolve({ ok: true, choices: [{ id: 3, label: 'Reading' }, { id: 7, label: 'Reading / Papers' }] }),
    ),
    remove: vi.fn<OptionsServices['remove']>(() => Promise.resolve()),
    makeDefault: vi.fn<OptionsServices['makeDefault']>(() => Promise.resolve()),
    grant: vi.fn<OptionsServices['grant']>(),
    retry: vi.fn<OptionsServices['retry']>(() => Promise.resolve()),
    checkConnection: vi.fn<OptionsServices['checkConnection']>(() => Promise.resolve('Connection OK.')),
    sendTestLink: vi.fn<OptionsServices['sendTestLink']>(() => Promise.resolve('Test link created.')),
    exportSettings: vi.fn<OptionsServices['exportSettings']>(),
    previewImport: vi.fn<OptionsServices['previewImport']>(() => Promise.resolve({ ok: false, text: 'not used' })),
    loadPreferences: vi.fn<OptionsServices['loadPreferences']>(() => Promise.resolve(DEFAULT_PREFERENCES)),
    setPreferences: vi.fn<OptionsServices['setPreferences']>(),
    deleteAllData: vi.fn<OptionsServices['deleteAllData']>(() => Promise.resolve(undefined)),
  };
  render(<OptionsApp services={fakes} />);
  return {
    ...fakes,
    unsubscribe,
    changed() {
      onChange?.();
    },
  };
}
