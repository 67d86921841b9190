// Loaded after the options page's first paint: everything that needs the outbox, the network or the long texts.
import { browser } from 'wxt/browser';
import { describeError } from '../../components/messages';
import { format } from '../../components/format';
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
  if (report.ok) return `Connection OK: settings are valid, permission is granted and ${origin} answered (HTTP ${report.status}).`;
  if (report.stage === 'permission') return `Needs permission: Keeplink may not contact ${origin} yet. Press Grant permission.`;
  return `Could not reach ${origin}: ${describeError(report.error, destination.name)}`;
}

export async function testLinkText(destination: Destination): Promise<string> {
  const outcome = await sendTestLink(destination, checkDeps);
  if (outcome.kind === 'synced') {
    const shown = outcome.result.link ?? (outcome.result.id ? `id ${outcome.result.id}` : '');
    return `Test link created${shown ? `: ${shown}` : ''}.`;
  }
  return `Test link not created: ${describeError(outcome.error, destination.name)}`;
}

export function downloadSettings(destinations: readonly Destination[], preferences: Preferences, includeKeys: boolean): void {
  const text = exportSettings(destinations, preferences, { includeKeys });
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `keeplink-settings${includeKeys ? '-with-keys' : ''}.json` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const IMPORT_PROBLEMS: Record<string, string> = {
  'not-json': 'That file is not JSON, so nothing was imported.',
  'not-keeplink': 'That file is not a Keeplink settings export, so nothing was imported.',
  'bad-destination': 'Destination {index} in that file is not valid ({path}), so nothing was imported.',
  'bad-preferences': 'The preferences in that file are not valid, so nothing was imported.',
};

export function previewImport(
  text: string,
  current: readonly Destination[],
  apply: (next: Destination[], preferences?: Partial<Preferences>) => Promise<void>,
): ImportPreviewView {
  const parsed = parseSettingsImport(text);
  if (!parsed.ok) {
    const details = parsed.error.details ?? {};
    return { ok: false, text: format(IMPORT_PROBLEMS[String(details.reason)] ?? IMPORT_PROBLEMS['not-keeplink']!, { ...details, index: Number(details.index ?? 0) + 1 }) };
  }
  const preview = parsed.value;
  const lines = preview.destinations.map(
    (d) => `${d.name} (${PROVIDER_LABELS[d.provider]}, ${originOf(d.baseUrl)})${current.some((c) => c.id === d.id) ? ' — replaces the current one' : ''}`,
  );
  if (!preview.keysIncluded) lines.push('API keys are not in this file: existing keys are kept, new destinations need theirs.');
  return { ok: true, lines, apply: () => apply(applySettingsImport(current, preview), preview.preferences) };
}

export async function deleteAllLocalData(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session.clear().catch(() => undefined);
  await deleteOutboxDatabase();
}
