import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { runInChild } from '../shared/child-load.js'
import { countTransactions } from './in-process.js'
import type { LoadPlan, LoadResult } from './load.js'
import { BENCH_PIN, type BenchUser } from './setup.js'
import type { WorkloadName } from './workload.js'

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))

export interface HttpRun extends LoadResult {
  transactions: number
  /** CPU the server process used during the run (the load generator is another process). */
  serverCpuSeconds: number
}

/** POST /api/v1/transfers against the listening server, from a separate autocannon process. */
export async function runHttp(
  app: FastifyInstance,
  url: string,
  users: BenchUser[],
  options: { workload: WorkloadName; connections: number; seconds: number },
): Promise<HttpRun> {
  const plan: LoadPlan = {
    url,
    users,
    workload: options.workload,
    pin: BENCH_PIN,
    connections: options.connections,
    seconds: options.seconds,
  }
  const counter = countTransactions(app.ctx)
  const cpu = process.cpuUsage()
  try {
    const result = await runInChild<LoadPlan, LoadResult>(LOAD_SCRIPT, plan)
    await app.ctx.ledger.idle()
    const used = process.cpuUsage(cpu)
    return { ...result, transactions: counter.count, serverCpuSeconds: (used.user + used.system) / 1e6 }
  } finally {
    counter.stop()
  }
}
