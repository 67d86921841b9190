// The popup's first state, as the build prerenders it into popup.html: the form before the tab and settings
// are read. It renders the real PopupApp, so the shell is whatever PopupApp's first frame is.
import { renderToString } from 'preact-render-to-string';
import { PopupApp, type PopupServices } from '../../components/PopupApp';
import { newPopupForm } from '../../lib/popup-form';

const pending = <T,>(): Promise<T> => new Promise<T>(() => undefined);

/** Never called: the shell is rendered to a string and no effect runs there. */
const inert: PopupServices = {
  save: pending,
  suggestTags: pending,
  deliveredAt: pending,
  loadMetadata: pending,
  watch: () => () => undefined,
  saveEdit: pending,
  copy: pending,
  renderQr: pending,
  openOptions: () => undefined,
  close: () => undefined,
  rememberExtras: () => undefined,
  schedule: () => () => undefined,
  loadHistory: pending,
};

/** One unnamed destination, so the shell shows the form (most opens have one) rather than the first-run text. */
export function renderPopupShell(): string {
  return renderToString(
    <PopupApp initial={newPopupForm({ title: '', url: '' }, '')} destinations={[{ id: '', name: '', provider: '' }]} services={inert} />,
  );
}
