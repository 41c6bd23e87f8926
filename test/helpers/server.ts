import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createTestApp } from './app.js'

export const BUILT_WEB_ROOT = path.resolve('dist/web')

/** A real listening server on loopback with a fresh database, serving the built web app. */
export async function startTestServer(
  options: { webRoot?: string } = {},
): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const testApp = await createTestApp({
    webRoot: options.webRoot ?? BUILT_WEB_ROOT,
    // Browser tests register everyone from loopback: room for all their phone codes.
    env: { LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR: '10000' },
  })
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  return { url: address, app: testApp.app, close: () => testApp.close() }
}
