import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites with commands of their own: security (npm run test:security) takes minutes; faults (npm run
    // test:faults) starts and kills database, Redis and nginx processes.
    exclude: [...configDefaults.exclude, 'test/security/**', 'test/faults/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
})
