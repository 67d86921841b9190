// Popup glue: reads the tab and the stored destinations, renders, and loads the save code after first paint.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LAST_FAILURE_TTL_MS } from '../../lib/platform/failure-key';
import { t } from '../../components/i18n';
import { PopupApp } from '../../components/PopupApp';
import { defaultDestination } from '../../lib/default-destination';
import { lazy } from '../../lib/lazy';
import { newPopupForm, summarizeDestinations } from '../../lib/popup-form';
import type { LastFailure } from '../../lib/platform/failure-key';
import { takePopupReads } from '../../lib/platform/popup-reads';
import { checkWebUrl } from '../../lib/web-url';
import { createPopupServices } from './services';
import '../../components/theme.css';
import './style.css';

function notWebText(url: string): string | undefined {
  const checked = checkWebUrl(url);
  if (checked.ok) return undefined;
  if (checked.error.code === 'url-not-web') return t('errorUrlNotWeb', { url: checked.error.details?.url });
  return t(url ? 'popupTabNotWeb' : 'popupTabUnreadable');
}

async function main() {
  const saver = lazy(async () => (await import('./save')).popupSaver());
  const reads = takePopupReads(location.search);
  const [tab, stored, session] = await Promise.all([reads.tab, reads.stored, reads.session]);
  // A menu or shortcut save that failed opens the popup: say why, once.
  // Rare, so its words load with the save code instead of weighing on every first paint.
  const failure = session.lastFailure as LastFailure | undefined;
  const failureText = failure && Date.now() - failure.at < LAST_FAILURE_TTL_MS ? t('statusFailed', { reason: (await saver()).describe(failure.error) }) : undefined;
  if (failure) void browser.storage.session.remove('lastFailure');
  const destinations = summarizeDestinations(stored.destinations);
  const prefs = (stored.preferences ?? {}) as { lastPopupDestinationId?: string; defaultDestinationId?: string };
  const known = (id?: string) => (id && destinations.some((d) => d.id === id) ? id : undefined);
  const url = tab?.url ?? '';
  const initial = newPopupForm(
    { title: tab?.title ?? '', url },
    known(prefs.lastPopupDestinationId) ?? defaultDestination(destinations, prefs)?.id ?? '',
  );
  const services = createPopupServices({
    saver,
    tab,
    stored,
    copy: (text) => navigator.clipboard.writeText(text),
    renderQr: async (text) => (await import('qrcode')).toDataURL(text, { margin: 2, width: 320, errorCorrectionLevel: 'M' }),
    openOptions: () => void browser.runtime.openOptionsPage().then(() => window.close()),
    close: () => window.close(),
    loadHistory: async (context) => (await import('./history')).historyPanel(context),
  });
  const onReady = () => {
    performance.mark('keeplink:ready');
    void saver();
  };
  document.documentElement.lang = t('htmlLang');
  render(
    <PopupApp initial={initial} destinations={destinations} problem={failureText ?? notWebText(url)}
      initialTab={new URLSearchParams(location.search).get('view') === 'history' ? 'history' : 'save'} services={services} onReady={onReady} />,
    document.getElementById('app')!,
  );
}

void main();
