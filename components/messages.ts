// Owns the words for error codes; lib/ only ever gives codes, the text comes from _locales.
import type { ErrorCode, KeeplinkError } from '../lib/errors';
import { t, type MessageKey } from './i18n';
import { FIELD_LABELS } from './labels';

type Vars = Record<string, string | number | undefined>;

const FIELD_NAMES: Record<string, MessageKey> = {
  url: 'fieldUrl',
  title: 'fieldTitle',
  note: 'fieldNote',
  tags: 'fieldTags',
  customSlug: 'fieldCustomSlug',
  description: 'fieldDescription',
  selection: 'fieldSelection',
  baseUrl: 'fieldBaseUrl',
  apiKey: 'fieldApiKey',
};

/** Each error code's sentence in _locales. */
export const ERROR_KEYS: Record<ErrorCode, MessageKey> = {
  'url-not-web': 'errorUrlNotWeb',
  'url-invalid': 'errorUrlInvalid',
  'field-required': 'errorFieldRequired',
  'field-too-long': 'errorFieldTooLong',
  'field-invalid': 'errorFieldInvalid',
  'destination-missing': 'errorDestinationMissing',
  'insecure-base-url': 'errorInsecureBaseUrl',
  'permission-missing': 'errorPermissionMissing',
  'permission-check-failed': 'errorPermissionCheckFailed',
  'request-build-failed': 'errorRequestBuildFailed',
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  redirect: 'errorRedirect',
  'cross-origin': 'errorCrossOrigin',
  'server-error': 'errorServerError',
  'service-unavailable': 'errorServiceUnavailable',
  'rate-limited': 'errorRateLimited',
  'auth-missing': 'errorAuthMissing',
  'auth-invalid': 'errorAuthInvalid',
  'auth-expired': 'errorAuthExpired',
  'auth-disabled': 'errorAuthDisabled',
  'auth-signin-required': 'errorAuthSigninRequired',
  forbidden: 'errorForbidden',
  'not-a-member': 'errorNotAMember',
  'plan-limit': 'errorPlanLimit',
  'quota-exceeded': 'errorQuotaExceeded',
  'workspace-not-found': 'errorWorkspaceNotFound',
  'workspace-gone': 'errorWorkspaceGone',
  'project-not-found': 'errorProjectNotFound',
  'project-gone': 'errorProjectGone',
  'not-found': 'errorNotFound',
  'api-not-found': 'errorApiNotFound',
  'key-scope': 'errorKeyScope',
  'bookmark-quota': 'errorBookmarkQuota',
  'bad-request': 'errorBadRequest',
  'bad-domain': 'errorBadDomain',
  unprocessable: 'errorUnprocessable',
  'server-rejected': 'errorServerRejected',
  'not-api-response': 'errorNotApiResponse',
  'malformed-response': 'errorMalformedResponse',
  'response-too-large': 'errorResponseTooLarge',
  'unexpected-status': 'errorUnexpectedStatus',
  expired: 'errorExpired',
  'storage-quota': 'errorStorageQuota',
  'storage-failed': 'errorStorageFailed',
};

export function fieldName(field: string | undefined): string {
  const key = field ? FIELD_NAMES[field] : undefined;
  if (key) return t(key);
  return (field && FIELD_LABELS[field]) || field || t('fieldUnknown');
}

/** One sentence for an error; `dest` is the destination's name as the user typed it. */
export function describeError(error: KeeplinkError, dest = t('errorDestinationFallback')): string {
  const vars: Vars = {
    dest,
    status: error.status,
    field: fieldName(error.field),
    code: error.serverCode ? ` (${error.serverCode})` : error.status ? ` (${error.status})` : '',
    ...error.details,
  };
  // Settings that stopped validating are fixed in Options, not in the capture: say where.
  const key = error.code === 'field-invalid' && error.details?.scope === 'settings' ? 'errorSettingsFieldInvalid' : ERROR_KEYS[error.code];
  let text = t(key ?? 'errorUnknown', vars);
  if (error.serverMessage && !['not-api-response', 'redirect'].includes(error.code)) {
    text += ` ${t('errorServerSaid', { dest, message: error.serverMessage })}`;
  }
  return text;
}
