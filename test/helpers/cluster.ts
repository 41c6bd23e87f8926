import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/server/app.js'
import { createTestApp, type TestAppOptions } from './app.js'
import { REDIS_TEST_URL } from './optional.js'

/** Two processes of one community: the same PostgreSQL schema, Redis prefix and secret. */
export interface TestCluster {
  a: FastifyInstance
  b: FastifyInstance
  /** Listening addresses, once `listen()` was called. */
  urls: { a: string; b: string }
  listen(): Promise<void>
  /** Stops B alone, as when one process of a cluster goes away. */
  stopB(): Promise<void>
  close(): Promise<void>
}

/** Two apps in this test process; each has its own pools, Redis clients, sockets and housekeeping. */
export async function createTestCluster(options: TestAppOptions = {}): Promise<TestCluster> {
  const first = await createTestApp({ ...options, redisUrl: REDIS_TEST_URL })
  const b = await buildApp(first.config, { clock: options.clock, logStream: options.logStream })
  let bClosed = false
  const cluster: TestCluster = {
    a: first.app,
    b,
    urls: { a: '', b: '' },
    async listen() {
      cluster.urls.a = await first.app.listen({ port: 0, host: '127.0.0.1' })
      cluster.urls.b = await b.listen({ port: 0, host: '127.0.0.1' })
    },
    async stopB() {
      if (bClosed) return
      bClosed = true
      await b.close()
    },
    async close() {
      await cluster.stopB()
      await first.close()
    },
  }
  return cluster
}
