// Child process of the bench: one WXT build (mode argv[2]) into the bench's own output folder (argv[3]).
import { build } from 'wxt';

const [mode, outDir] = process.argv.slice(2);
if (!mode || !outDir) {
  console.error('usage: tsx test/bench/build-cli.ts <production|e2e> <outDir>');
  process.exit(2);
}
// Never .output/: other engineers and the tests use those builds while the bench runs.
await build({ mode, outDir });
