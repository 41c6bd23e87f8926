import os from 'node:os'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { countTransactions } from '../ledger/in-process.js'
import { runInChild } from '../shared/child-load.js'
import { createFeedTarget, engineVersion } from '../feed/setup.js'
import { checkPacket } from './checks.js'
import type { ClaimLoadPlan, ClaimLoadResult } from './load.js'
import { printJson, round, summary, type RedPacketMeasurement, type WaveServerSide } from './report.js'
import { sendPacket } from './setup.js'

export interface RedPacketBenchOptions {
  /** Unset: SQLite only. */
  postgresUrl: string | undefined
  sqlite: boolean
  claimers: number
  shares: number
  /** Fen in the packet. */
  total: number
  /** Claims in the second wave, on the empty packet. */
  late: number
  /** Connections of the second wave's closed loop. */
  lateConnections: number
}

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const log = (text: string) => process.stderr.write(`${text}\n`)

/** `npm run bench -- redpacket`: one packet, every claimer at once over HTTP, then late claims, then the audit. */
export async function runRedPacketBench(options: RedPacketBenchOptions): Promise<number> {
  const results: RedPacketMeasurement[] = []
  const versions: string[] = []
  const engines: Array<string | undefined> = []
  if (options.sqlite) engines.push(undefined)
  if (options.postgresUrl) engines.push(options.postgresUrl)
  for (const postgresUrl of engines) {
    const target = await createFeedTarget(postgresUrl, {
      bench: 'redpacket',
      env: {
        LIFECIRCLE_RED_PACKET_MAX_SHARES: String(options.shares),
        LIFECIRCLE_RED_PACKET_MAX_FEN: String(options.total),
      },
    })
    try {
      versions.push(await engineVersion(target.app))
      const loadavg = os.loadavg()[0]!
      const sent = await sendPacket(target, options)
      log(`${target.dialect}: ${options.claimers} claimers loaded; packet ${sent.packetId} of ${options.shares} shares`)
      const url = await target.app.listen({ port: 0, host: '127.0.0.1' })
      const path = `/api/v1/red-packets/${sent.packetId}/claim`
      const tokens = sent.claimerTokens

      log(`${target.dialect}: ${tokens.length} claims at once…`)
      const burst = await wave(target.app, { mode: 'burst', url, path, tokens })
      log(`${target.dialect}: ${options.late} late claims, closed loop over ${options.lateConnections} connections…`)
      const late = await wave(target.app, {
        mode: 'late',
        url,
        path,
        tokens,
        total: options.late,
        connections: options.lateConnections,
      })
      const checks = await checkPacket(target.app, sent, {
        shares: options.shares,
        total: options.total,
        answeredAmounts: burst.result.shareAmounts ?? [],
      })
      const times = burst.result.shareTimesMs ?? []
      const measurement: RedPacketMeasurement = {
        bench: 'redpacket',
        db: target.dialect,
        claimers: tokens.length,
        shares: options.shares,
        total: options.total,
        loadavg: round(loadavg, 2),
        burst: {
          ...burst.result.latency,
          dispatch_ms: round(burst.result.dispatchMs ?? 0, 1),
          first_share_ms: round(times[0] ?? 0, 1),
          all_shares_ms: round(times.at(-1) ?? 0, 1),
          elapsed_ms: round(burst.result.elapsedMs, 1),
          server: burst.server,
        },
        late: {
          ...late.result.latency,
          connections: options.lateConnections,
          per_second: late.result.perSecond ?? 0,
          elapsed_ms: round(late.result.elapsedMs, 1),
          server: late.server,
        },
        checks: { ...checks, ok: checks.ok && (late.result.latency.statuses['200'] ?? 0) === 0 },
      }
      printJson(measurement)
      results.push(measurement)
    } finally {
      await target.close()
    }
  }
  const machine = {
    bench: 'redpacket',
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      loadavg: os.loadavg().map((l) => round(l, 2)),
      node: process.version,
      engines: versions,
    },
  }
  printJson(machine)
  log(`\n${summary(results)}`)
  log(`\nmachine: ${JSON.stringify(machine.machine)}`)
  return results.every((r) => r.checks.ok) ? 0 : 1
}

/** One wave from the child process, with what the server did meanwhile: ledger commands, batches, CPU. */
async function wave(
  app: FastifyInstance,
  plan: ClaimLoadPlan,
): Promise<{ result: ClaimLoadResult; server: WaveServerSide }> {
  const { ledger } = app.ctx
  const submit = ledger.submit.bind(ledger)
  let commands = 0
  ledger.submit = (command) => {
    commands++
    return submit(command)
  }
  const transactions = countTransactions(app.ctx)
  const cpu = process.cpuUsage()
  try {
    const result = await runInChild<ClaimLoadPlan, ClaimLoadResult>(LOAD_SCRIPT, plan)
    await ledger.idle()
    const used = process.cpuUsage(cpu)
    return {
      result,
      server: {
        ledger_commands: commands,
        ledger_batches: transactions.count,
        cpu_ms: round((used.user + used.system) / 1e3),
      },
    }
  } finally {
    transactions.stop()
    ledger.submit = submit
  }
}
