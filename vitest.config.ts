import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          // Some unit tests spawn the CLI; a loaded 2-core machine needs more than the 5 s default.
          testTimeout: 30_000,
          globalSetup: ['scripts/vitest-build-cli.ts'],
          include: ['packages/*/src/**/*.test.ts', 'packages/*/scripts/**/*.test.ts'],
        },
      },
      {
        // Tiltfile corpus: real files, fake processes and cluster; no test environment needed.
        test: {
          name: 'tiltfiles',
          include: [
            'integration/tiltfiles/**/*.test.ts',
            'integration/tiltfiles-broken/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.test.ts'],
          exclude: ['integration/tiltfiles/**', 'integration/tiltfiles-broken/**'],
          globalSetup: ['integration/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
