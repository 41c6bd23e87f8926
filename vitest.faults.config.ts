import { defineConfig } from 'vitest/config'

/**
 * `npm run test:faults`: kills and restarts real PostgreSQL, Redis and server processes behind nginx. One file at
 * a time, each with a stack of its own; not part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default'],
  },
})
