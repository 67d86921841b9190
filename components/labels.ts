// Owns the names of services and destination fields (also the accessible names tests use); the words come from _locales.
import type { ProviderId } from '../lib/providers/types';
import { t, type MessageKey } from './i18n';

// Read once when the module loads: the browser's UI language is fixed for the page's life.
const localize = <K extends string>(keys: Record<K, MessageKey>) =>
  Object.fromEntries(Object.entries<MessageKey>(keys).map(([name, key]) => [name, t(key)])) as Record<K, string>;

export const PROVIDER_LABELS: Record<ProviderId, string> = localize({
  sharely: 'providerSharely',
  shortpen: 'providerShortpen',
  userplane: 'providerUserplane',
  poozle: 'providerPoozle',
  'link-action': 'providerLinkAction',
  // self-hosted bookmark services
  linkding: 'providerLinkding',
  karakeep: 'providerKarakeep',
  linkwarden: 'providerLinkwarden',
});

export const FIELD_LABELS: Record<string, string> = localize({
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
});

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
  invalid: 'formInvalid',
});

export const POOZLE_NOTICE = t('poozleNotice');
