import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/contracts/**/*.test.ts', 'test/bench/**/*.test.ts'],
    setupFiles: ['test/unit/setup.ts'],
    restoreMocks: true,
    // A hang guard only; no test asserts on elapsed time.
    testTimeout: 30_000,
  },
});
