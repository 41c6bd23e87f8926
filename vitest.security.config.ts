import { defineConfig } from 'vitest/config'

/** `npm run test:security`: the authorisation matrix, fuzzing, brute force, CSRF and hostile text in the browser. */
export default defineConfig({
  test: {
    include: ['test/security/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
})
