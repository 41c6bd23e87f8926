import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { runCli, startCluster } from '../../scripts/processes.js'
import { runInChild } from '../shared/child-load.js'
import type { MixedLoadPlan, MixedLoadResult } from './load.js'
import { meetsTargets, summaryTable } from './report.js'
import { seedWorld } from './seed.js'

export interface MixedBenchOptions {
  postgresUrl: string
  redisUrl: string
  /** Ports of the server processes, one each. */
  ports: number[]
  users: number
  rate: number
  seconds: number
  warmupSeconds: number
  connections: number
}

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const log = (text: string) => process.stderr.write(`${text}\n`)

/**
 * `npm run bench -- mixed`: two server processes (real `lifecircle serve`, as in production) on a fresh PostgreSQL
 * database and a Redis prefix of their own; a community seeded over HTTP; then feed reads, likes, comments, chat,
 * transfers, tips and danmaku at a constant rate spread over both processes; throughput, p50/p99 per kind and
 * errors; finally the ledger audit.
 */
export async function runMixedBench(options: MixedBenchOptions): Promise<number> {
  const unique = crypto.randomBytes(5).toString('hex')
  const database = `bench_mixed_${unique}`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-mixed-bench-'))
  await withClient(options.postgresUrl, (client) => client.query(`create database ${database}`))
  const env = {
    DATABASE_URL: withDatabase(options.postgresUrl, database),
    REDIS_URL: options.redisUrl,
    LIFECIRCLE_REDIS_PREFIX: `bench-mixed-${unique}:`,
    LIFECIRCLE_SECRET: crypto.randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // One client address sends everything, and every member tips all day: the product limits would refuse it.
    LIFECIRCLE_IP_LIMITS: 'off',
    LIFECIRCLE_TIP_DAILY_CAP_FEN: '100000000',
    LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR: '100000',
  }
  const cluster = startCluster({ ports: options.ports, env, print: log })
  try {
    await cluster.ready
    log(`mixed: ${options.ports.length} processes up on ${cluster.urls.join(', ')}; seeding ${options.users} users`)
    const world = await seedWorld(cluster.urls, options.users)
    log(`mixed: ${options.rate} requests/s, ${options.warmupSeconds} s of warm-up, then ${options.seconds} s measured`)
    const result = await runInChild<MixedLoadPlan, MixedLoadResult>(LOAD_SCRIPT, {
      urls: cluster.urls,
      world,
      rate: options.rate,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
    })
    await cluster.stop()
    const audit = await runCli(['audit'], env, log)
    const machine = {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
    }
    console.log(
      JSON.stringify({ bench: 'mixed', options: { ...options, postgresUrl: undefined }, result, audit, machine }),
    )
    log(`\n${summaryTable(result)}`)
    log(`ledger audit: ${audit === 0 ? 'clean' : 'FAILED'}`)
    log(`machine: ${JSON.stringify(machine)}`)
    return meetsTargets(result) && audit === 0 ? 0 : 1
  } finally {
    await cluster.stop()
    await withClient(options.postgresUrl, (client) => client.query(`drop database if exists ${database}`))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}
