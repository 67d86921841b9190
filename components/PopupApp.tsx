// The popup: a prefilled capture form, one role=status outcome, and the delivered result.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SavedEdit } from '../lib/edit-after-save';
import { canonicalDiffers, type PageMetadata } from '../lib/page-metadata';
import type { TagCompleter } from '../lib/tag-complete';
import { addTag, EXTRA_FIELDS, parseTags, selectionNote, serverQrSrc, type DestinationSummary, type PopupForm } from '../lib/popup-form';
import { Field } from './Field';
import { t, type MessageKey } from './i18n';
import { hasExtras, PopupExtras } from './PopupExtras';
import { PopupHeader } from './PopupHeader';
import type { EditProblem } from './SavedEditForm';
import { SelectField } from './SelectField';
import { TagsField } from './TagsField';
import { POPUP_UNDO_MS, useAutoSave, type AutoSaveState, type Schedule } from './useAutoSave';

export interface PopupView {
  text: string;
  link?: string | undefined;
  qrPng?: string | undefined;
  /** The service has the capture: the popup may close by itself. */
  delivered?: boolean | undefined;
  /** The delivered capture's note and tags, for Edit; absent until it is delivered. */
  editable?: SavedEdit | undefined;
}

export type SaveAnswer =
  | { ok: true; recordId: string }
  | { ok: false; text: string; field?: string | undefined };

/** After "Save changes": what the service did with the edit, and the record that carries it (if one was queued). */
export type EditAnswer = { ok: true; text: string; recordId?: string | undefined } | ({ ok: false } & EditProblem);

export interface PopupServices {
  save(form: PopupForm, meta: PageMetadata): Promise<SaveAnswer>;
  /** The tags of the user's recent captures, most used first, from local history. */
  suggestTags(): Promise<string[]>;
  /** When this page was last delivered to that destination, from local history only. */
  deliveredAt(url: string, destinationId: string): Promise<number | undefined>;
  /** The page's own metadata, read after first paint; empty where scripting is not allowed. */
  loadMetadata(): Promise<PageMetadata>;
  /** Calls back with the record's current state now and on every change; returns an unsubscribe. */
  watch(recordId: string, onView: (view: PopupView) => void): () => void;
  /** Edits the delivered capture of that record (see lib/edit-after-save). */
  saveEdit(recordId: string, edit: SavedEdit): Promise<EditAnswer>;
  copy(text: string): Promise<void>;
  renderQr(text: string): Promise<string>;
  openOptions(): void;
  close(): void;
  /** Stores whether "More options" is open for that destination, for the next time the popup opens. */
  rememberExtras(destinationId: string, open: boolean): void;
  /** Loads the History view's code on first use; it never weighs on the popup's first paint. */
  loadHistory(): Promise<ComponentType<{ onOpenOptions(): void }>>;
  /** A timer with a cancel: the Undo window of "Save immediately". */
  schedule: Schedule;
}

export interface PopupAppProps {
  initial: PopupForm;
  destinations: readonly DestinationSummary[];
  /** Shown at once when the tab cannot be saved (e.g. chrome://settings). */
  problem?: string | undefined;
  services: PopupServices;
  onReady?: () => void;
  initialTab?: 'save' | 'history';
  /** The tab's favicon address, as the browser reported it. */
  favIconUrl?: string | undefined;
  /** Per destination id: whether "More options" was left open. */
  extrasOpen?: Readonly<Record<string, boolean>> | undefined;
  /** "Save immediately when I open the popup". */
  saveOnOpen?: boolean | undefined;
  /** "Close the popup after a successful save". */
  closeAfterSave?: boolean | undefined;
  /** "Focus the Tags field first". */
  focusTagsFirst?: boolean | undefined;
}

const SUGGESTED_CHIPS = 6;

type ResultViews = typeof import('./result-views');

const AUTO_SAVE_TEXT: Record<AutoSaveState, MessageKey> = {
  waiting: 'popupSavingSoon',
  undone: 'popupUndone',
  edited: 'popupAutoSaveStopped',
  'already-saved': 'popupAutoSaveSkipped',
};

export function PopupApp({ initial, destinations, problem, services, onReady, initialTab = 'save', favIconUrl, extrasOpen = {}, saveOnOpen = false, closeAfterSave = false, focusTagsFirst = false }: PopupAppProps) {
  const [form, setForm] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<PopupView>({ text: problem ?? '' });
  const [fieldError, setFieldError] = useState<{ field?: string | undefined; text: string }>();
  const [recordId, setRecordId] = useState<string>();
  const [meta, setMeta] = useState<PageMetadata>({});
  const [tab, setTab] = useState<'save' | 'history'>('save');
  const [deliveredAt, setDeliveredAt] = useState<number>();
  const [known, setKnown] = useState<{ tags: string[]; completer: TagCompleter }>();
  const [History, setHistory] = useState<ComponentType<{ onOpenOptions(): void }>>();
  const [openExtras, setOpenExtras] = useState(extrasOpen);
  const [chosenQr, setChosenQr] = useState<string>();
  const [qrClosed, setQrClosed] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editNotice, setEditNotice] = useState('');
  // The user asked ShortPen for a QR code: it shows as soon as it arrives, until they go Back.
  const qr = qrClosed ? undefined : (chosenQr ?? serverQrSrc(view.qrPng));
  // Any input after Save means the user is still at it: the popup must not close under their hands.
  const typedSinceSave = useRef(false);
  const autoSave = useAutoSave(saveOnOpen && destinations.length > 0 && !problem && initialTab === 'save', services.schedule, () => void save());
  // Whatever puts a record on screen, its result line follows. Should the code fail to load, the status still names
  // the outcome and the link.
  const [resultViews, setResultViews] = useState<ResultViews>();
  useEffect(() => {
    if (recordId && !resultViews) void import('./result-views').then(setResultViews, () => undefined);
  }, [recordId]);
  const showQr = (src: string) => {
    setChosenQr(src);
    setQrClosed(false);
  };

  useEffect(() => {
    // The prerendered shell focused Title already: autofocus cannot move it, focus() can.
    if (focusTagsFirst) document.getElementById('tags')?.focus();
    onReady?.();
    void services.loadMetadata().then((loaded) => {
      setMeta(loaded);
      // A page's selection goes out only as the user sees it: quoted in the note, which they may edit or clear.
      const { selection } = loaded;
      if (selection) setForm((f) => (f.note.trim() ? f : { ...f, note: selectionNote(selection) }));
    });
    // The completion code is only needed once there are tags to complete: it loads with them, after first paint.
    void Promise.all([services.suggestTags(), import('../lib/tag-complete')]).then(([tags, completer]) => setKnown({ tags, completer }));
    if (initialTab === 'history') showHistory();
  }, []);
  // Decided as each view arrives, with this render's state: a QR code the user asked for stays on screen to scan.
  const showView = useRef<(next: PopupView) => void>(setView);
  showView.current = (next: PopupView) => {
    setView(next);
    if (closeAfterSave && next.delivered && !typedSinceSave.current && !next.qrPng && !chosenQr) services.close();
  };
  useEffect(() => (recordId ? services.watch(recordId, (next) => showView.current(next)) : undefined), [recordId]);
  // Opening the popup on a page that is already saved there does not save it again by itself.
  useEffect(() => {
    if (deliveredAt !== undefined) autoSave.stop('already-saved');
  }, [deliveredAt]);

  useEffect(() => {
    let live = true;
    setDeliveredAt(undefined);
    if (form.url && form.destinationId) void services.deliveredAt(form.url, form.destinationId).then((at) => live && setDeliveredAt(at));
    return () => {
      live = false;
    };
  }, [form.url, form.destinationId]);

  const provider = destinations.find((d) => d.id === form.destinationId)?.provider;
  const extrasShown = openExtras[form.destinationId] === true;
  const toggleExtras = (open: boolean) => {
    setOpenExtras((all) => ({ ...all, [form.destinationId]: open }));
    services.rememberExtras(form.destinationId, open);
  };
  const set = (key: keyof PopupForm) => (value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));

  const save = async () => {
    if (saving) return;
    autoSave.stop(undefined);
    typedSinceSave.current = false;
    setSaving(true);
    setFieldError(undefined);
    try {
      const answer = await services.save(form, meta);
      if (answer.ok) setRecordId(answer.recordId);
      else {
        setFieldError({ field: answer.field, text: answer.text });
        // The field at fault must be visible, even behind the disclosure.
        if (answer.field && EXTRA_FIELDS.includes(answer.field)) setOpenExtras((all) => ({ ...all, [form.destinationId]: true }));
        setView({ text: t('statusFailed', { reason: answer.text }) });
      }
    } catch {
      // The save code failed to load or storage threw: nothing was queued, and the user must know.
      setView({ text: t('statusFailed', { reason: t('errorStorageFailed') }) });
    } finally {
      setSaving(false);
    }
  };

  const saveEdit = async (edit: SavedEdit): Promise<EditProblem | undefined> => {
    if (!recordId) return undefined;
    const answer = await services.saveEdit(recordId, edit);
    if (!answer.ok) return { text: answer.text, field: answer.field };
    setEditing(false);
    setEditNotice(answer.text);
    // The popup follows the edit from here: its status, its result, and a later Edit.
    if (answer.recordId) setRecordId(answer.recordId);
    return undefined;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter') return;
    if (target.tagName === 'TEXTAREA' && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void save();
  };

  // The most used tags as one-click chips; every earlier tag completes in the Tags field.
  const chips = (known?.tags ?? []).slice(0, SUGGESTED_CHIPS).filter((tag) => !parseTags(form.tags).some((typed) => typed.toLowerCase() === tag.toLowerCase()));
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.text : undefined);

  const showHistory = () => {
    setTab('history');
    if (!History) void services.loadHistory().then((component) => setHistory(() => component));
  };
  const tabs = (
    <div role="tablist" aria-label={t('extName')} class="tabs">
      <button type="button" role="tab" id="tab-save" aria-selected={tab === 'save'} aria-controls="panel" onClick={() => setTab('save')}>
        {t('popupTabCapture')}
      </button>
      <button type="button" role="tab" id="tab-history" aria-selected={tab === 'history'} aria-controls="panel" onClick={showHistory}>
        {t('popupTabHistory')}
      </button>
    </div>
  );

  const capture = destinations.length ? (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field id="title" label={t('fieldTitle')} value={form.title} onInput={set('title')} error={errorFor('title')} autoFocus onKeyDown={onKeyDown} />
      <Field id="url" label={t('fieldUrl')} value={form.url} onInput={set('url')} error={errorFor('url')} inputMode="url" onKeyDown={onKeyDown} />
      {canonicalDiffers(meta, initial.url) && (
        <label class="check">
          <input
            type="checkbox"
            checked={form.url === meta.canonicalUrl}
            onChange={(e) => set('url')((e.currentTarget as HTMLInputElement).checked ? meta.canonicalUrl! : initial.url)}
          />
          {t('popupUseCanonical')}
        </label>
      )}
      <SelectField
        id="destination"
        label={t('popupDestination')}
        value={form.destinationId}
        choices={destinations.map((d) => ({ value: d.id, label: d.name }))}
        onChange={set('destinationId')}
      />
      <Field id="note" label={t('fieldNote')} value={form.note} onInput={set('note')} error={errorFor('note')} multiline onKeyDown={onKeyDown} />
      <TagsField value={form.tags} onInput={set('tags')} known={known} error={errorFor('tags')} placeholder={t('popupTagsPlaceholder')} onKeyDown={onKeyDown} />
      {chips.length > 0 && (
        <div class="suggestions" aria-label={t('popupSuggestedTags')} role="group">
          {chips.map((tag) => (
            <button type="button" key={tag} class="chip" aria-label={t('popupAddTag', { tag })} onClick={() => set('tags')(addTag(form.tags, tag))}>
              + {tag}
            </button>
          ))}
        </div>
      )}
      <PopupExtras provider={provider} form={form} open={extrasShown} set={set} errorFor={errorFor} onKeyDown={onKeyDown} />
      {deliveredAt !== undefined && !recordId && (
        <p class="notice">{t('popupAlreadySaved', { date: new Date(deliveredAt).toLocaleDateString(undefined, { dateStyle: 'medium' }) })}</p>
      )}
      <div class="actions">
        {hasExtras(provider) && (
          <button type="button" class="disclosure" aria-expanded={extrasShown} aria-controls="extras" onClick={() => toggleExtras(!extrasShown)}>
            {t('popupMoreOptions')}
          </button>
        )}
        <button type="submit" class="primary" disabled={saving}>
          {t('popupSave')}
        </button>
      </div>
    </form>
  ) : (
    <>
      <p>{t('popupNoDestination')}</p>
      <button type="button" onClick={services.openOptions}>
        {t('popupAddDestination')}
      </button>
    </>
  );

  return (
    <main
      class="popup"
      onKeyDown={(e) => e.key === 'Escape' && services.close()}
      onInput={() => {
        typedSinceSave.current = true;
        autoSave.stop('edited');
      }}
    >
      {tabs}
      <div id="panel" role="tabpanel" aria-labelledby={tab === 'history' ? 'tab-history' : 'tab-save'}>
        {tab === 'history' ? (
          History ? <History onOpenOptions={services.openOptions} /> : <p>{t('popupLoading')}</p>
        ) : (
          <>
            {destinations.length > 0 && <PopupHeader title={form.title} url={form.url} siteName={meta.siteName} favIconUrl={favIconUrl} />}
            {editing && recordId && view.editable && resultViews ? (
              <resultViews.SavedEditForm recordId={recordId} initial={view.editable} onSave={saveEdit} onCancel={() => setEditing(false)} />
            ) : qr && resultViews ? (
              <resultViews.PopupQr src={qr} onBack={() => setQrClosed(true)} />
            ) : (
              capture
            )}
          </>
        )}
      </div>
      <div class="status-row">
        <div role="status" class="status">
          {autoSave.state ? t(AUTO_SAVE_TEXT[autoSave.state], { seconds: POPUP_UNDO_MS / 1000 }) : view.text}
        </div>
        {autoSave.state === 'waiting' && (
          <button type="button" onClick={() => autoSave.stop('undone')}>
            {t('popupUndo')}
          </button>
        )}
      </div>
      {tab === 'save' && recordId && resultViews && (
        <resultViews.ResultLink
          link={view.link}
          qrPng={view.qrPng}
          pageUrl={form.url}
          onCopy={services.copy}
          renderQr={services.renderQr}
          qrOpen={qr !== undefined}
          onShowQr={showQr}
          onEdit={view.editable && !editing ? () => setEditing(true) : undefined}
        />
      )}
      {tab === 'save' && editNotice && <p class="notice">{editNotice}</p>}
    </main>
  );
}
