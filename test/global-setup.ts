import { build } from 'vite'

/** The browser tests need the real built web app; build it once for the whole run. */
export default async function setup(): Promise<void> {
  if (process.env.E2E !== '1') return
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' })
}
