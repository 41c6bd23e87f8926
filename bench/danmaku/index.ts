import os from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { FeedDataset } from '../feed/dataset.js'
import { createFeedTarget, engineVersion } from '../feed/setup.js'
import { startPhasedChild } from '../shared/child-load.js'
import type { DanmakuLoadPlan, DanmakuLoadResult } from './load.js'
import { meetsTarget, printJson, round, summaryTable, type DanmakuMeasurement, type Fanout } from './report.js'
import { largestMeeting, type SearchResult } from './search.js'

export interface DanmakuBenchOptions {
  /** Viewer counts always measured, ascending. */
  viewers: number[]
  fanouts: Fanout[]
  rate: number
  seconds: number
  /** After the counts above, look for the largest count meeting the target, in at most this many more runs. */
  searchRuns: number
  /** The search never opens more sockets than this (each process needs a file per socket). */
  maxViewers: number
  drainSeconds: number
}

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const log = (text: string) => process.stderr.write(`${text}\n`)

/** `npm run bench -- danmaku`: delivery latency of one room's danmaku to many viewers, batched vs naive fan-out. */
export async function runDanmakuBench(options: DanmakuBenchOptions): Promise<number> {
  const results: DanmakuMeasurement[] = []
  const searches: Array<{ fanout: Fanout } & SearchResult> = []
  const versions = new Set<string>()
  // Each danmaku's sender waits rate/senders seconds before sending again: two seconds, under the limit of one.
  const senders = options.rate * 2
  const users = 1 + senders + Math.max(...options.viewers, options.searchRuns > 0 ? options.maxViewers : 0)
  for (const fanout of options.fanouts) {
    const target = await createFeedTarget(undefined, { bench: 'danmaku', liveFanout: fanout })
    try {
      versions.add(await engineVersion(target.app))
      const started = performance.now()
      const now = Date.now()
      const data = new FeedDataset(users, 2, 0, now)
      const social = data.social(target.passwordHash, now)
      await target.loader.load([
        ['users', social.users],
        ['sessions', social.sessions],
      ])
      await target.loader.settle()
      log(`${fanout}: ${users} users with sessions in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      const url = await target.app.listen({ port: 0, host: '127.0.0.1' })
      const eventId = await startEvent(target.app, data.tokens[0]!)
      const tried = new Map<number, boolean>()
      const measure = async (viewers: number, search: boolean) => {
        const plan: DanmakuLoadPlan = {
          url,
          eventId,
          viewerTokens: data.tokens.slice(1 + senders, 1 + senders + viewers),
          senderTokens: data.tokens.slice(1, 1 + senders),
          rate: options.rate,
          seconds: options.seconds,
          warmupSeconds: 2,
          drainSeconds: options.drainSeconds,
          connectConcurrency: 100,
          httpConnections: 64,
        }
        const m = await measureOne(target.app, fanout, eventId, plan, search)
        printJson(m)
        results.push(m)
        tried.set(viewers, m.met)
        return m.met
      }
      for (const viewers of options.viewers) await measure(viewers, false)
      if (options.searchRuns > 0) {
        const found = await largestMeeting(tried, (v) => measure(v, true), options.maxViewers, options.searchRuns)
        printJson({ bench: 'danmaku', fanout, search: found })
        searches.push({ fanout, ...found })
      }
    } finally {
      await target.close()
    }
  }
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadavg: os.loadavg().map((l) => round(l, 2)),
    node: process.version,
    engines: [...versions],
  }
  printJson({ bench: 'danmaku', machine })
  log(`\n${summaryTable(results)}`)
  for (const s of searches) {
    const above = s.smallestFailing === null ? `none failed up to ${s.ceiling}` : `${s.smallestFailing} did not`
    log(`${s.fanout}: largest viewer count meeting p99 ≤ 250 ms with no loss: ${s.largest} (${above})`)
  }
  log(`\nmachine: ${JSON.stringify(machine)}`)
  return results.every((m) => m.load.duplicates === 0) ? 0 : 1
}

/** One event, created and started by its host through the API, as a real one would be. */
async function startEvent(app: FastifyInstance, hostToken: string): Promise<string> {
  const headers = { authorization: `Bearer ${hostToken}` }
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/live/events',
    headers,
    payload: { title: '弹幕压测', startsAt: new Date().toISOString() },
  })
  if (created.statusCode !== 201) throw new Error(`creating the event: ${created.statusCode} ${created.body}`)
  const id = created.json<{ id: string }>().id
  const started = await app.inject({ method: 'POST', url: `/api/v1/live/events/${id}/start`, headers })
  if (started.statusCode !== 200) throw new Error(`starting the event: ${started.statusCode} ${started.body}`)
  return id
}

async function measureOne(
  app: FastifyInstance,
  fanout: Fanout,
  eventId: string,
  plan: DanmakuLoadPlan,
  search: boolean,
): Promise<DanmakuMeasurement> {
  const viewers = plan.viewerTokens.length
  // The last run's sockets must be gone before this one's memory is read.
  for (let i = 0; i < 150 && (app.ctx.rooms.socketsIn(eventId) > 0 || app.ctx.gateway.counts.sockets > 0); i++) {
    await sleep(100)
  }
  const before = await memory()
  const child = startPhasedChild<DanmakuLoadPlan, DanmakuLoadResult>(LOAD_SCRIPT, plan)
  const joined = (await child.next()) as { joined: number; failed: number; seconds: number }
  log(`${fanout} ${viewers}: ${joined.joined} joined in ${joined.seconds.toFixed(1)} s, ${joined.failed} failed`)
  await sleep(2_000)
  const after = await memory()
  const held = Math.max(1, app.ctx.rooms.socketsIn(eventId))
  child.send('go')
  await child.next() // sending
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const cpu = process.cpuUsage()
  const sendStart = performance.now()
  await child.next() // sent
  const used = process.cpuUsage(cpu)
  const sendMs = performance.now() - sendStart
  loopDelay.disable()
  const load = await child.result
  const l = load.delivery
  log(`${fanout} ${viewers}: p50 ${l.p50Ms} p99 ${l.p99Ms} max ${l.maxMs} ms, missing ${load.missing}`)
  return {
    bench: 'danmaku',
    fanout,
    viewers,
    search,
    rate: plan.rate,
    seconds: plan.seconds,
    load,
    memory: {
      gc: typeof global.gc === 'function',
      heapBeforeMiB: round(before.heapUsed / 2 ** 20, 1),
      heapAfterMiB: round(after.heapUsed / 2 ** 20, 1),
      heapPerSocketKiB: round((after.heapUsed - before.heapUsed) / 1024 / held, 1),
      rssPerSocketKiB: round((after.rss - before.rss) / 1024 / held, 1),
    },
    server: {
      cpuShare: round((used.user + used.system) / 1e3 / sendMs, 2),
      loopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
    },
    met: meetsTarget(load, viewers),
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
