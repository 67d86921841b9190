// Owns the English names of services and destination fields; they are also the accessible names tests use.
import type { ProviderId } from '../lib/providers/types';

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  sharely: 'Sharely',
  shortpen: 'ShortPen',
  userplane: 'Userplane',
  poozle: 'Poozle',
  'link-action': 'Link action',
};

export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  baseUrl: 'API base URL',
  apiKey: 'API key',
  workspaceId: 'Workspace ID',
  domainId: 'Domain ID',
  projectId: 'Project ID',
  folderId: 'Folder ID',
  tagIds: 'Tag IDs',
  categories: 'Categories',
  expiresIn: 'Expires in (seconds)',
  integrationDefinitionId: 'Integration definition ID',
  linkId: 'Link ID',
  specificationId: 'Specification ID',
  serviceId: 'Service ID',
  linkReusable: 'Reusable link',
};

/** Short guidance under a field; says the expected form so errors are rare. */
export const FIELD_HINTS: Partial<Record<`${ProviderId}.${string}` | string, string>> = {
  'sharely.workspaceId': 'A UUID, e.g. 123e4567-e89b-12d3-a456-426614174000.',
  'shortpen.workspaceId': 'Optional number; the token’s default workspace when empty.',
  'shortpen.domainId': 'Number of the domain that hosts your links.',
  'shortpen.tagIds': 'Optional, comma-separated numbers, e.g. 12, 18.',
  'poozle.categories': 'Comma-separated, e.g. TICKETING, DOCUMENTATION.',
  'userplane.apiKey': 'Userplane keys start with uspl_.',
};

export const FORM_PROBLEMS: Record<string, string> = {
  required: '{field} is required.',
  uuid: '{field} must be a UUID, like 123e4567-e89b-12d3-a456-426614174000.',
  integer: '{field} must be a whole number.',
  'integer-list': '{field} must be whole numbers separated by commas.',
  'too-long': '{field} is too long (at most {max} characters).',
  url: '{field} must be a full address starting with https://.',
  'insecure-url': '{field} must use https; plain http is allowed only for localhost and 127.0.0.1.',
  invalid: '{field} is not valid.',
};

export const POOZLE_NOTICE = 'Poozle links carry the page title as their name; the page URL is not sent.';
