// The imitated APIs, by provider id.
import type { ProviderId } from '../../../lib/providers/types';
import { linkActionApi } from './link-action';
import { karakeepApi } from './karakeep';
import { linkdingApi } from './linkding';
import { linkwardenApi } from './linkwarden';
import { poozleApi } from './poozle';
import { sharelyApi } from './sharely';
import { shortpenApi } from './shortpen';
import type { SandboxApi } from './types';
import { userplaneApi } from './userplane';
import { wallabagApi } from './wallabag';
import { webhookApi } from './webhook';

export const SANDBOX_APIS: Readonly<Record<ProviderId, SandboxApi>> = {
  sharely: sharelyApi,
  shortpen: shortpenApi,
  userplane: userplaneApi,
  poozle: poozleApi,
  'link-action': linkActionApi,
  // self-hosted bookmark services
  linkding: linkdingApi,
  karakeep: karakeepApi,
  linkwarden: linkwardenApi,
  webhook: webhookApi,
  wallabag: wallabagApi,
};

/** The API whose prefix the path starts with, and the rest of the path after it. */
export function findApi(pathname: string): { api: SandboxApi; rest: string } | undefined {
  for (const api of Object.values(SANDBOX_APIS)) {
    if (pathname === api.prefix || pathname.startsWith(`${api.prefix}/`)) return { api, rest: pathname.slice(api.prefix.length) };
  }
  return undefined;
}
