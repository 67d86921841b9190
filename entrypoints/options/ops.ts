// Loaded after the options page's first paint: everything that needs the outbox, the network or the long texts.
import { browser } from 'wxt/browser';
import { describeError } from '../../components/messages';
import { t, type MessageKey } from '../../components/i18n';
import { PROVIDER_LABELS } from '../../components/labels';
import type { ImportPreviewView } from '../../components/SettingsTransfer';
import { checkConnection, sendTestLink, type CheckDeps } from '../../lib/destination-checks';
import { originOf } from '../../lib/destination';
import { deleteOutboxDatabase } from '../../lib/outbox/db';
import { createOutbox } from '../../lib/outbox/outbox';
import { hasOriginPermission } from '../../lib/platform/permissions';
import type { Destination } from '../../lib/providers';
import type { Preferences } from '../../lib/settings';
import { applySettingsImport, exportSettings, parseSettingsImport } from '../../lib/settings-transfer';

const outbox = createOutbox();
const checkDeps: CheckDeps = { hasPermission: hasOriginPermission, fetch: (input, init) => fetch(input, init), timeoutMs: 15_000 };

const flushSoon = () => void browser.runtime.sendMessage({ type: 'outbox/flush' }).catch(() => undefined);

/** What the list shows beyond settings: why a destination waits, and how many captures wait for it. */
export async function destinationStatus(d: Destination): Promise<{ pausedText?: string; pending: number }> {
  const [pause, pending] = await Promise.all([outbox.getPause(d.id), outbox.countUndelivered(d.id)]);
  return { pending, ...(pause && pause.error.code !== 'permission-missing' ? { pausedText: describeError(pause.error, d.name) } : {}) };
}

/** After a settings change or Retry: the destination's paused captures go back to the queue. */
export async function resume(id: string): Promise<void> {
  await outbox.resumeDestination(id);
  flushSoon();
}

export async function releaseCaptures(id: string, choice: { moveTo: string } | { deleteCaptures: true }): Promise<void> {
  if ('moveTo' in choice) {
    await outbox.moveDestination(id, choice.moveTo);
    flushSoon();
  } else await outbox.removeByDestination(id);
}

export async function checkText(destination: Destination): Promise<string> {
  const report = await checkConnection(destination, checkDeps);
  const origin = originOf(destination.baseUrl);
  if (report.ok) return t('checkOk', { origin, status: report.status });
  if (report.stage === 'permission') return t('checkNeedsPermission', { origin });
  return t('checkUnreachable', { origin, reason: describeError(report.error, destination.name) });
}

export async function testLinkText(destination: Destination): Promise<string> {
  const outcome = await sendTestLink(destination, checkDeps);
  if (outcome.kind === 'synced') {
    const shown = outcome.result.link ?? (outcome.result.id ? t('testLinkId', { id: outcome.result.id }) : '');
    return shown ? t('testLinkCreatedResult', { result: shown }) : t('testLinkCreated');
  }
  return t('testLinkFailed', { reason: describeError(outcome.error, destination.name) });
}

export function downloadSettings(destinations: readonly Destination[], preferences: Preferences, includeKeys: boolean): void {
  const text = exportSettings(destinations, preferences, { includeKeys });
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `keeplink-settings${includeKeys ? '-with-keys' : ''}.json` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const IMPORT_PROBLEMS: Record<string, MessageKey> = {
  'not-json': 'transferNotJson',
  'not-keeplink': 'transferNotKeeplink',
  'bad-destination': 'transferBadDestination',
  'bad-preferences': 'transferBadPreferences',
};

export function previewImport(
  text: string,
  current: readonly Destination[],
  apply: (next: Destination[], preferences?: Partial<Preferences>) => Promise<void>,
): ImportPreviewView {
  const parsed = parseSettingsImport(text);
  if (!parsed.ok) {
    const details = parsed.error.details ?? {};
    return { ok: false, text: t(IMPORT_PROBLEMS[String(details.reason)] ?? 'transferNotKeeplink', { ...details, index: Number(details.index ?? 0) + 1 }) };
  }
  const preview = parsed.value;
  const lines = preview.destinations.map((d) =>
    t(current.some((c) => c.id === d.id) ? 'transferPreviewLineReplaces' : 'transferPreviewLine', { name: d.name, service: PROVIDER_LABELS[d.provider], origin: originOf(d.baseUrl) }),
  );
  if (!preview.keysIncluded) lines.push(t('transferNoKeys'));
  return { ok: true, lines, apply: () => apply(applySettingsImport(current, preview), preview.preferences) };
}

export async function deleteAllLocalData(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session.clear().catch(() => undefined);
  await deleteOutboxDatabase();
}
