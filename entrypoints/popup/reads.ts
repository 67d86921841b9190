// The popup's reads, started as the popup's script begins to run: main.tsx imports this module first, so the bundle
// evaluates it before Preact and the components, and the browser answers while they load.
import { startPopupReads } from '../../lib/platform/popup-reads';

export const reads = startPopupReads(location.search);
