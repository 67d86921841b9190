// A classic script in popup.html's head: starts the popup's storage and tab reads while its modules load.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { publishPopupReads, startPopupReads } from '../lib/platform/popup-reads';

export default defineUnlistedScript(() => {
  publishPopupReads(startPopupReads(location.search));
});
