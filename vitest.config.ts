/**
 * One test run for the whole repository: unit tests beside the code,
 * *.int.test.ts against real PostgreSQL (a fresh database per file), smoke
 * scenarios that boot the whole server, and browser specs in Chromium.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/web/e2e/**/*.test.ts'],
    globalSetup: ['packages/server/src/test-support/global-setup.ts'],
    env: { TZ: 'UTC' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './packages/server/src/test-support/summary-reporter.ts'],
  },
});
