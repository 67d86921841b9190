// Popup glue: reads the tab and the stored destinations, renders over the prerendered shell, and loads the save
// code right after ready.
import { reads } from './reads';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LAST_FAILURE_TTL_MS } from '../../lib/platform/failure-key';
import { t } from '../../components/i18n';
import { PopupApp } from '../../components/PopupApp';
import { defaultDestination } from '../../lib/default-destination';
import { lazy } from '../../lib/lazy';
import { summarizeManaged } from '../../lib/managed-ids';
import { booleanRecord, newPopupForm, summarizeDestinations } from '../../lib/popup-form';
import type { LastFailure } from '../../lib/platform/failure-key';
import { POPUP_EXTRAS_KEY } from '../../lib/platform/popup-reads';
import { checkWebUrl } from '../../lib/web-url';
import type { Schedule } from '../../components/useAutoSave';
import { createPopupServices } from './services';
import '../../components/theme.css';
import './style.css';

/**
 * setTimeout with a cancel. E2E builds hand the clock to the test instead: a wait ends only when the test says
 * (`__keeplinkPopupTest.runPending()`), so "nothing sent while Undo shows" holds however slow the machine is.
 */
function scheduler(): Schedule {
  if (import.meta.env.MODE !== 'e2e') {
    return (ms, run) => {
      const id = window.setTimeout(run, ms);
      return () => window.clearTimeout(id);
    };
  }
  const pending = new Set<() => void>();
  const runPending = () => {
    const due = [...pending];
    pending.clear();
    due.forEach((run) => run());
  };
  Object.assign(window, { __keeplinkPopupTest: { pendingTimers: () => pending.size, runPending } });
  return (_ms, run) => {
    pending.add(run);
    return () => pending.delete(run);
  };
}

function notWebText(url: string): string | undefined {
  const checked = checkWebUrl(url);
  if (checked.ok) return undefined;
  if (checked.error.code === 'url-not-web') return t('errorUrlNotWeb', { url: checked.error.details?.url });
  return t(url ? 'popupTabNotWeb' : 'popupTabUnreadable');
}

async function main() {
  const saver = lazy(async () => (await import('./save')).popupSaver());
  const [tab, stored, session] = await Promise.all([reads.tab, reads.stored, reads.session]);
  // A menu or shortcut save that failed opens the popup: say why, once.
  // Rare, so its words load with the save code instead of weighing on every first paint.
  const failure = session.lastFailure as LastFailure | undefined;
  const failureText = failure && Date.now() - failure.at < LAST_FAILURE_TTL_MS ? t('statusFailed', { reason: (await saver()).describe(failure.error) }) : undefined;
  if (failure) void browser.storage.session.remove('lastFailure');
  // The organization's destinations first, as every context lists them.
  const destinations = summarizeDestinations([...summarizeManaged(stored.policy), ...(Array.isArray(stored.destinations) ? stored.destinations : [])]);
  const prefs = (stored.preferences ?? {}) as { lastPopupDestinationId?: string; defaultDestinationId?: string; saveOnOpen?: unknown; closeAfterSave?: unknown; focusTagsFirst?: unknown };
  const known = (id?: string) => (id && destinations.some((d) => d.id === id) ? id : undefined);
  const url = tab?.url ?? '';
  const initial = newPopupForm(
    { title: tab?.title ?? '', url },
    known(prefs.lastPopupDestinationId) ?? defaultDestination(destinations, prefs)?.id ?? '',
  );
  const extrasOpen = booleanRecord(stored[POPUP_EXTRAS_KEY]);
  const remembered = { ...extrasOpen };
  const services = createPopupServices({
    saver,
    tab,
    stored,
    copy: (text) => navigator.clipboard.writeText(text),
    renderQr: async (text) => (await import('qrcode')).toDataURL(text, { margin: 2, width: 320, errorCorrectionLevel: 'M' }),
    openOptions: () => void browser.runtime.openOptionsPage().then(() => window.close()),
    close: () => window.close(),
    rememberExtras: (destinationId, open) => {
      remembered[destinationId] = open;
      void browser.storage.local.set({ [POPUP_EXTRAS_KEY]: { ...remembered } });
    },
    loadHistory: async (context) => (await import('./history')).historyPanel(context),
    schedule: scheduler(),
  });
  const onReady = () => {
    performance.mark('keeplink:ready');
    void saver();
  };
  document.documentElement.lang = t('htmlLang');
  // render(), not hydrate(), over the build's prerendered form (build/popup-shell.ts): hydrate() adopts the nodes
  // without diffing attributes or values, so the tab's title and URL would never reach the inputs. render() into a
  // container that already has children adopts them too (the focused Title input stays the same element) and diffs
  // their attributes against the real first state.
  render(
    <PopupApp initial={initial} destinations={destinations} problem={failureText ?? notWebText(url)}
      initialTab={new URLSearchParams(location.search).get('view') === 'history' ? 'history' : 'save'} services={services} onReady={onReady}
      favIconUrl={tab?.favIconUrl} extrasOpen={extrasOpen} saveOnOpen={prefs.saveOnOpen === true} closeAfterSave={prefs.closeAfterSave === true}
      focusTagsFirst={prefs.focusTagsFirst === true} />,
    document.getElementById('app')!,
  );
}

void main();
