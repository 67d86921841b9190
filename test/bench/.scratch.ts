import { bundleLabPage } from './lab-bundle';
const t = Date.now();
console.log(await bundleLabPage('/tmp/kb-try/lab'), Date.now() - t);
