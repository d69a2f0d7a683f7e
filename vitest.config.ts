import { defineConfig } from 'vitest/config';

// Two projects: pure domain unit tests (fast, no database) and API/service tests that run
// against the database named by PROPDESK_TEST_DB (pglite | postgres). scripts/test.sh runs the
// API project once per database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
