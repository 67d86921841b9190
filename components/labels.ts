// Owns the names of services and destination fields (also the accessible names tests use); the words come from _locales.
import type { ProviderId } from '../lib/providers/types';
import { format } from './format';
import { t, type MessageKey } from './i18n';

// Read once when the module loads: the browser's UI language is fixed for the page's life.
const localize = <K extends string>(keys: Record<K, MessageKey>) =>
  Object.fromEntries(Object.entries<MessageKey>(keys).map(([name, key]) => [name, t(key)])) as Record<K, string>;

/** Each service's name in _locales (the provider meta-test checks every one is in en and de). */
export const PROVIDER_LABEL_KEYS: Record<ProviderId, MessageKey> = {
  sharely: 'providerSharely',
  shortpen: 'providerShortpen',
  userplane: 'providerUserplane',
  poozle: 'providerPoozle',
  'link-action': 'providerLinkAction',
  // self-hosted bookmark services
  linkding: 'providerLinkding',
  karakeep: 'providerKarakeep',
  linkwarden: 'providerLinkwarden',
  webhook: 'providerWebhook',
  wallabag: 'providerWallabag',
};

export const PROVIDER_LABELS: Record<ProviderId, string> = localize(PROVIDER_LABEL_KEYS);

/** Each field's label in _locales, `service.key` where a service words it its own way. */
export const FIELD_LABEL_KEYS: Record<string, MessageKey> = {
  name: 'fieldName',
  provider: 'destinationFormService',
  baseUrl: 'fieldBaseUrl',
  apiKey: 'fieldApiKey',
  workspaceId: 'fieldWorkspaceId',
  domainId: 'fieldDomainId',
  projectId: 'fieldProjectId',
  folderId: 'fieldFolderId',
  tagIds: 'fieldTagIds',
  categories: 'fieldCategories',
  expiresIn: 'fieldExpiresIn',
  integrationDefinitionId: 'fieldIntegrationDefinitionId',
  linkId: 'fieldLinkId',
  specificationId: 'fieldSpecificationId',
  serviceId: 'fieldServiceId',
  linkReusable: 'fieldLinkReusable',
  // linkding
  unread: 'fieldUnread',
  // Linkwarden
  collectionId: 'fieldCollectionId',
  'webhook.baseUrl': 'fieldWebhookUrl',
  'webhook.apiKey': 'fieldSecretHeaderValue',
  method: 'fieldMethod',
  secretHeaderName: 'fieldSecretHeaderName',
  extraHeaders: 'fieldExtraHeaders',
  bodyTemplate: 'fieldBodyTemplate',
  'wallabag.apiKey': 'fieldClientSecret',
  clientId: 'fieldClientId',
  username: 'fieldUsername',
  password: 'fieldPassword',
};

export const FIELD_LABELS: Record<string, string> = localize(FIELD_LABEL_KEYS);

/** A field's label for one service: its own wording where it has one (a webhook's "API key" is its secret header value). */
export const fieldLabel = (key: string, provider?: ProviderId): string => (provider && FIELD_LABELS[`${provider}.${key}`]) || FIELD_LABELS[key] || key;

/** Short guidance under a field; says the expected form so errors are rare. */
export const FIELD_HINTS: Partial<Record<`${ProviderId}.${string}` | string, string>> = localize({
  'sharely.workspaceId': 'hintSharelyWorkspaceId',
  'shortpen.workspaceId': 'hintShortpenWorkspaceId',
  'shortpen.domainId': 'hintShortpenDomainId',
  'shortpen.tagIds': 'hintShortpenTagIds',
  'poozle.categories': 'hintPoozleCategories',
  'userplane.apiKey': 'hintUserplaneApiKey',
  'linkding.apiKey': 'hintLinkdingApiKey',
  'karakeep.apiKey': 'hintKarakeepApiKey',
  'linkwarden.apiKey': 'hintLinkwardenApiKey',
  'linkwarden.collectionId': 'hintLinkwardenCollectionId',
  'webhook.apiKey': 'hintWebhookApiKey',
  'webhook.secretHeaderName': 'hintWebhookSecretHeaderName',
  'webhook.extraHeaders': 'hintWebhookExtraHeaders',
  'wallabag.clientId': 'hintWallabagClientId',
  'wallabag.password': 'hintWallabagPassword',
});

/** Templates with {field} and {max}, filled by the caller with `format`. */
export const FORM_PROBLEMS: Record<string, string> = localize({
  required: 'formRequired',
  uuid: 'formUuid',
  integer: 'formInteger',
  'integer-list': 'formIntegerList',
  'too-long': 'formTooLong',
  url: 'formUrl',
  'insecure-url': 'formInsecureUrl',
  'path-id': 'formPathId',
  'header-name': 'formHeaderName',
  'header-list': 'formHeaderList',
  'template-placeholder': 'formTemplatePlaceholder',
  'template-json': 'formTemplateJson',
  invalid: 'formInvalid',
});

/** The message at a form field for one problem the form parser found. */
export function formProblemText(key: string, problem: { code: string; max?: number; name?: string }, provider?: ProviderId): string {
  return format(FORM_PROBLEMS[problem.code] ?? FORM_PROBLEMS.invalid!, {
    field: fieldLabel(key, provider),
    max: problem.max,
    placeholder: problem.name === undefined ? undefined : `{{${problem.name}}}`,
  });
}

export const POOZLE_NOTICE = t('poozleNotice');
