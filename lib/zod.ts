// The one place zod is configured. zod/mini tree-shakes (classic zod is ~95 KB gzip), and
// jitless keeps it from calling `new Function`, which MV3 extension pages forbid.
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
