import { buildForBench } from './build';
const t = Date.now();
console.log(await buildForBench('production', '/tmp/kb-try/out2'), Date.now() - t);
console.log(await buildForBench('e2e', '/tmp/kb-try/out2'), Date.now() - t);
