// The views only a saved record shows (the result line, the QR code in place of the form, the edit form its Edit
// opens): one chunk, loaded on demand.
export { PopupQr } from './PopupQr';
export { ResultLink } from './ResultLink';
export { SavedEditForm } from './SavedEditForm';
