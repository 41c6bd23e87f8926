import crypto from 'node:crypto'
import os from 'node:os'
import { runHttp } from './http.js'
import { runInProcess } from './in-process.js'
import { printJson, round, summaryTable, type Measurement } from './report.js'
import { createTarget, engineVersion, type BenchTarget } from './setup.js'
import { percentile, type WorkloadName } from './workload.js'

export interface LedgerBenchOptions {
  /** Unset: SQLite only. */
  postgresUrl: string | undefined
  users: number
  inProcessSeconds: number
  httpSeconds: number
  /** Commands in flight in the in-process batched runs: many clients at once, as on a busy server. */
  batchedConcurrency: number
  /** Clients of the naive baseline and connections of the HTTP runs. */
  clients: number
  http: boolean
  sqlite: boolean
}

const WORKLOADS: WorkloadName[] = ['uniform', 'hot']
/** Caps each in-process run so a fast machine still finishes in its few seconds. */
const IN_PROCESS_COUNT_MAX = 2_000_000

const log = (text: string) => process.stderr.write(`${text}\n`)

/** `npm run bench -- ledger`: the ledger's throughput in process and over HTTP, batched and naive, on both engines. */
export async function runLedgerBench(options: LedgerBenchOptions): Promise<number> {
  const results: Measurement[] = []
  let clean = true
  const engines: Array<string | undefined> = []
  if (options.sqlite) engines.push(undefined)
  if (options.postgresUrl) engines.push(options.postgresUrl)
  const versions: string[] = []
  for (const postgresUrl of engines) {
    log(`setting up ${postgresUrl ? 'PostgreSQL' : 'SQLite'} with ${options.users} users…`)
    const target = await createTarget({ postgresUrl, users: options.users })
    try {
      versions.push(await engineVersion(target))
      const modes = target.dialect === 'sqlite' ? ['FULL', 'NORMAL'] : [await synchronousCommit(target)]
      const url = options.http ? await target.app.listen({ port: 0, host: '127.0.0.1' }) : ''
      for (const durability of modes) {
        if (target.dialect === 'sqlite') target.app.ctx.database.sqlite!.pragma(`synchronous = ${durability}`)
        for (const measurement of await measureAll(target, url, durability, options)) {
          printJson(measurement)
          results.push(measurement)
        }
      }
      const audit = await target.app.ctx.ledger.audit()
      printJson({ bench: 'ledger', db: target.dialect, audit })
      log(
        `${target.dialect} audit: ${audit.ok ? 'clean' : 'PROBLEMS'} — ${audit.accounts} accounts, ${audit.transfers} transfers, posted sum ${audit.postedSum}`,
      )
      if (!audit.ok) clean = false
    } finally {
      await target.close()
    }
  }
  const machine = {
    bench: 'ledger',
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      engines: versions,
    },
  }
  printJson(machine)
  log(`\n${summaryTable(results)}`)
  log(`\nmachine: ${JSON.stringify(machine.machine)}`)
  return clean ? 0 : 1
}

async function measureAll(
  target: BenchTarget,
  url: string,
  durability: string,
  options: LedgerBenchOptions,
): Promise<Measurement[]> {
  const { app, users } = target
  const out: Measurement[] = []
  const base = { bench: 'ledger' as const, db: target.dialect, durability }
  const tag = () => crypto.randomBytes(6).toString('hex')
  // Warm-up: JIT, statement caches and the connection pool, not measured.
  await runInProcess(app.ctx, users, {
    mode: 'batched',
    workload: 'uniform',
    concurrency: options.batchedConcurrency,
    seconds: 0.5,
    count: IN_PROCESS_COUNT_MAX,
    tag: tag(),
  })
  for (const mode of ['batched', 'naive'] as const) {
    for (const workload of WORKLOADS) {
      const concurrency = mode === 'batched' ? options.batchedConcurrency : options.clients
      log(`${target.dialect} ${durability} in-process ${mode} ${workload}…`)
      const run = await runInProcess(app.ctx, users, {
        mode,
        workload,
        concurrency,
        seconds: options.inProcessSeconds,
        count: IN_PROCESS_COUNT_MAX,
        tag: tag(),
      })
      const sorted = run.latenciesMs.sort((a, b) => a - b)
      const ok = run.done - run.failed
      out.push({
        ...base,
        path: 'in-process',
        mode,
        workload,
        concurrency,
        transfers: ok,
        failed: run.failed,
        seconds: round(run.seconds, 2),
        tps: round(ok / run.seconds),
        p50_ms: round(percentile(sorted, 50), 2),
        p99_ms: round(percentile(sorted, 99), 2),
        transactions: run.transactions,
        avg_batch: round(run.done / Math.max(1, run.transactions), 1),
        cpu_ms_per_1k: round((run.cpuSeconds * 1e6) / Math.max(1, run.done), 1),
      })
    }
  }
  if (!options.http) return out
  await runHttp(app, url, users, { workload: 'uniform', connections: options.clients, seconds: 1 })
  for (const workload of WORKLOADS) {
    log(`${target.dialect} ${durability} http ${workload}…`)
    const run = await runHttp(app, url, users, { workload, connections: options.clients, seconds: options.httpSeconds })
    out.push({
      ...base,
      path: 'http',
      mode: 'batched',
      workload,
      concurrency: options.clients,
      transfers: run.ok,
      failed: run.non2xx + run.errors + run.timeouts,
      seconds: run.seconds,
      tps: round(run.ok / run.seconds),
      p50_ms: run.p50Ms,
      p99_ms: run.p99Ms,
      transactions: run.transactions,
      avg_batch: round(run.ok / Math.max(1, run.transactions), 1),
      cpu_ms_per_1k: round((run.serverCpuSeconds * 1e6) / Math.max(1, run.ok), 1),
    })
    if (run.non2xx > 0) log(`  statuses: ${JSON.stringify(run.statuses)}`)
  }
  return out
}

async function synchronousCommit(target: BenchTarget): Promise<string> {
  const { rows } = await target.app.ctx.database.pool!.query<{ synchronous_commit: string }>('show synchronous_commit')
  return `sync_commit=${rows[0]!.synchronous_commit}`
}
