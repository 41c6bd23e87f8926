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
  /** Stops one process alone, as when it goes away; the other goes on with the same data. */
  stop(which: 'a' | 'b'): Promise<void>
  close(): Promise<void>
}

/** Two apps in this test process; each has its own pools, Redis clients, sockets and housekeeping. */
export async function createTestCluster(options: TestAppOptions = {}): Promise<TestCluster> {
  const first = await createTestApp({ ...options, redisUrl: REDIS_TEST_URL })
  const b = await buildApp(first.config, { clock: options.clock, logStream: options.logStream })
  const stopped = { a: false, b: false }
  const cluster: TestCluster = {
    a: first.app,
    b,
    urls: { a: '', b: '' },
    async listen() {
      cluster.urls.a = await first.app.listen({ port: 0, host: '127.0.0.1' })
      cluster.urls.b = await b.listen({ port: 0, host: '127.0.0.1' })
    },
    async stop(which) {
      if (stopped[which]) return
      stopped[which] = true
      await cluster[which].close()
    },
    async close() {
      await cluster.stop('b')
      // Closes A if it still runs, then drops the schema.
      await first.close()
    },
  }
  return cluster
}
