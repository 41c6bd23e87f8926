import os from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { engineVersion, createFeedTarget, type FeedTarget } from '../feed/setup.js'
import { countTransactions } from '../ledger/in-process.js'
import { startPhasedChild } from '../shared/child-load.js'
import { ChatDataset } from './dataset.js'
import type { ChatLoadPlan, ChatLoadResult } from './load.js'
import { printJson, round, summaryTable, type ChatMeasurement, type SocketMemory } from './report.js'

export interface ChatBenchOptions {
  /** Unset: SQLite only. */
  postgresUrl: string | undefined
  sqlite: boolean
  /** Unset: the in-process bus only. */
  redisUrl: string | undefined
  memoryBus: boolean
  /** One socket per user, so also the number of users. */
  sockets: number
  rate: number
  seconds: number
  groupShare: number
  friends: number
  directsPerUser: number
  groupsPerUser: number
  idleSeconds: number
  drainSeconds: number
}

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const log = (text: string) => process.stderr.write(`${text}\n`)

/** `npm run bench -- chat`: message delivery latency and loss over sockets at a fixed send rate; memory per socket. */
export async function runChatBench(options: ChatBenchOptions): Promise<number> {
  const results: ChatMeasurement[] = []
  const versions = new Set<string>()
  const runs: Array<{ postgresUrl: string | undefined; redisUrl: string | undefined }> = []
  for (const postgresUrl of [
    ...(options.sqlite ? [undefined] : []),
    ...(options.postgresUrl ? [options.postgresUrl] : []),
  ]) {
    if (options.memoryBus) runs.push({ postgresUrl, redisUrl: undefined })
    if (options.redisUrl) runs.push({ postgresUrl, redisUrl: options.redisUrl })
  }
  for (const run of runs) {
    const target = await createFeedTarget(run.postgresUrl, { bench: 'chat', redisUrl: run.redisUrl })
    try {
      versions.add(await engineVersion(target.app))
      const measurement = await benchOne(target, options)
      printJson(measurement)
      results.push(measurement)
    } finally {
      await target.close()
    }
  }
  const machine = {
    bench: 'chat',
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      loadavg: os.loadavg().map((l) => round(l, 2)),
      node: process.version,
      engines: [...versions],
    },
  }
  printJson(machine)
  log(`\n${summaryTable(results)}`)
  log(`\nmachine: ${JSON.stringify(machine.machine)}`)
  return results.every((m) => m.load.lost === 0 && m.load.duplicates === 0) ? 0 : 1
}

async function benchOne(target: FeedTarget, options: ChatBenchOptions): Promise<ChatMeasurement> {
  const { app, dialect } = target
  const bus = app.ctx.bus.kind
  const now = Date.now()
  const started = performance.now()
  const data = new ChatDataset(options.sockets, options.friends, options.directsPerUser, options.groupsPerUser, now)
  const social = data.socialRows(target.passwordHash, now)
  await target.loader.load([
    ['users', social.users],
    ['sessions', social.sessions],
  ])
  await target.loader.load([['friendships', social.friendships]])
  const chat = data.chatRows(now)
  await target.loader.load([
    ['groups', chat.groups],
    ['group_members', chat.groupMembers],
    ['conversations', chat.conversations],
    ['conversation_members', chat.members],
  ])
  await target.loader.settle()
  log(
    `${dialect}/${bus}: ${social.users.length} users, ${social.friendships.length} friendship rows, ` +
      `${chat.conversations.length - chat.groups.length} direct conversations, ${chat.groups.length} groups of 50 ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const plan: ChatLoadPlan = {
    url,
    tokens: data.tokens,
    conversations: data.conversations,
    rate: options.rate,
    seconds: options.seconds,
    groupShare: options.groupShare,
    warmupSeconds: 2,
    drainSeconds: options.drainSeconds,
    connectConcurrency: 100,
    // Enough that a slow answer never holds back the next scheduled send.
    httpConnections: Math.max(32, Math.ceil(options.rate / 10)),
  }
  const before = await memory()
  const child = startPhasedChild<ChatLoadPlan, ChatLoadResult>(LOAD_SCRIPT, plan)
  const connected = (await child.next()) as { connected: number; failed: number; seconds: number }
  log(
    `${dialect}/${bus}: ${connected.connected} sockets ready in ${connected.seconds.toFixed(1)} s, ${connected.failed} failed; idling ${options.idleSeconds} s…`,
  )
  await sleep(options.idleSeconds * 1000)
  const after = await memory()
  const held = app.ctx.gateway.counts.sockets
  const perSocket = (bytes: number) => round(bytes / 1024 / Math.max(1, held), 1)
  const mib = (bytes: number) => round(bytes / 2 ** 20, 1)
  const socketMemory: SocketMemory = {
    sockets: held,
    gc: typeof global.gc === 'function',
    rssBeforeMiB: mib(before.rss),
    rssAfterMiB: mib(after.rss),
    heapBeforeMiB: mib(before.heapUsed),
    heapAfterMiB: mib(after.heapUsed),
    rssPerSocketKiB: perSocket(after.rss - before.rss),
    heapPerSocketKiB: perSocket(after.heapUsed - before.heapUsed),
    externalPerSocketKiB: perSocket(after.external - before.external),
  }
  log(`${dialect}/${bus}: ${JSON.stringify(socketMemory)}`)

  log(`${dialect}/${bus}: warm-up, then ${options.rate} messages/s for ${options.seconds} s…`)
  child.send('go')
  await child.next() // sending
  const counter = countTransactions(app.ctx)
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const cpu = process.cpuUsage()
  const sendStart = performance.now()
  await child.next() // sent
  const used = process.cpuUsage(cpu)
  const sendMs = performance.now() - sendStart
  loopDelay.disable()
  counter.stop()
  const load = await child.result
  return {
    bench: 'chat',
    db: dialect,
    bus,
    rate: options.rate,
    seconds: options.seconds,
    groupShare: options.groupShare,
    memory: socketMemory,
    load,
    server: {
      cpuShare: round((used.user + used.system) / 1e3 / sendMs, 2),
      loopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
      messagesPerTransaction: counter.count > 0 ? round(load.ok / counter.count, 1) : null,
    },
  }
}

/** The server process's memory, after a full collection when the bench runs with --expose-gc. */
async function memory(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 2; i++) {
    global.gc?.()
    await sleep(200)
  }
  return process.memoryUsage()
}
