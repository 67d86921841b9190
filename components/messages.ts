// Owns the user-facing English text for error codes and outbox states; lib/ only ever gives codes.
import type { ErrorCode, KeeplinkError } from '../lib/errors';
import { format } from './format';

type Vars = Record<string, string | number | undefined>;

const FIELD_NAMES: Record<string, string> = {
  url: 'URL',
  title: 'Title',
  note: 'Note',
  tags: 'Tags',
  customSlug: 'Custom slug',
  description: 'Description',
  selection: 'Selected text',
  baseUrl: 'API base URL',
  apiKey: 'API key',
};

const ERRORS: Record<ErrorCode, string> = {
  'url-not-web': 'Keeplink can only save web pages (http or https); this tab is {url}',
  'url-invalid': 'This is not a valid web address: {url}',
  'field-required': '{field} is required.',
  'field-too-long': '{field} is too long for {dest}: {length} characters where the limit is {max}. Shorten it and save again.',
  'field-invalid': '{field} is not valid.',
  'destination-missing': 'The destination of this capture no longer exists. Edit it to choose another, then retry.',
  'insecure-base-url': 'The API base URL must use https (plain http only for localhost or 127.0.0.1).',
  'permission-missing': 'Keeplink has no permission to reach {dest} yet. Grant it in Keeplink’s options.',
  network: '{dest} could not be reached (network error).',
  timeout: '{dest} did not answer in time.',
  redirect: '{dest} answered with a redirect instead of the API, so the API base URL is probably wrong. Check it in Keeplink’s options.',
  'cross-origin': 'Keeplink refused to send the API key to a different site than the destination’s.',
  'server-error': '{dest} had a server error ({status}).',
  'service-unavailable': '{dest} is temporarily unavailable ({status}).',
  'rate-limited': '{dest} is limiting how fast Keeplink may send (429).',
  'auth-missing': '{dest} says an API key is required{code}. Add the key in Keeplink’s options.',
  'auth-invalid': '{dest} rejected the API key{code}. Update it in Keeplink’s options.',
  'auth-expired': '{dest} says the API key has expired{code}. Create a new key in {dest} and update it in Keeplink’s options.',
  'auth-disabled': '{dest} says the API key is disabled{code}. Enable it or create a new key, then update it in Keeplink’s options.',
  forbidden: '{dest} refused access to this workspace{code}. Check the key’s permissions and the workspace in Keeplink’s options.',
  'not-a-member': '{dest} says the key’s owner is not a member of this workspace{code}. Check the Workspace ID in Keeplink’s options.',
  'plan-limit': '{dest} says the workspace’s plan limit is reached{code}. Upgrade the plan, then press Retry.',
  'quota-exceeded': '{dest} says this month’s quota is used up{code}. Your captures wait here; press Retry when the quota allows.',
  'workspace-not-found': '{dest} cannot find the workspace{code}. Check the Workspace ID in Keeplink’s options.',
  'workspace-gone': '{dest} says the workspace was deleted{code}. Choose another workspace in Keeplink’s options.',
  'project-not-found': '{dest} cannot find the project{code}. Set a Project ID in Keeplink’s options.',
  'project-gone': '{dest} says the project was deleted{code}. Choose another project in Keeplink’s options.',
  'not-found': '{dest} cannot find what this destination points at{code}. Check its ids in Keeplink’s options.',
  'bad-request': '{dest} rejected this capture{code}.',
  'bad-domain': '{dest} rejected the domain{code}. Check the Domain ID in Keeplink’s options.',
  unprocessable: '{dest} could not process this capture{code}.',
  'server-rejected': '{dest} answered but did not create the link{code}.',
  'not-api-response': 'The server answered with a web page, not the API. Check the API base URL, or sign in to your network first.',
  'malformed-response': '{dest} accepted the capture but its answer was not in the documented form.',
  'unexpected-status': '{dest} answered with an unexpected status ({status}).',
  expired: 'Keeplink stopped retrying after 7 days (expired). Press Retry to try again.',
  'storage-quota': 'The browser’s storage for Keeplink is full, so this capture was not stored. Free some space and try again.',
  'storage-failed': 'Keeplink could not write to its local storage. Try again.',
};

export function fieldName(field: string | undefined): string {
  return (field && FIELD_NAMES[field]) || field || 'A field';
}

/** One sentence for an error; `dest` is the destination's name as the user typed it. */
export function describeError(error: KeeplinkError, dest = 'The destination'): string {
  const vars: Vars = {
    dest,
    status: error.status,
    field: fieldName(error.field),
    code: error.serverCode ? ` (${error.serverCode})` : error.status ? ` (${error.status})` : '',
    ...error.details,
  };
  let text = format(ERRORS[error.code] ?? '{dest}: {status}', vars);
  if (error.serverMessage && !['not-api-response', 'redirect'].includes(error.code)) {
    text += ` ${dest} said: “${error.serverMessage}”`;
  }
  return text;
}
