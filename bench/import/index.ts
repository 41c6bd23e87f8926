import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { DANMAKU_IMPORT_MAX_BYTES, DANMAKU_IMPORT_MAX_ITEMS } from '../../src/shared/api/live.js'
import { createFeedTarget, engineVersion } from '../feed/setup.js'

export interface ImportBenchOptions {
  postgresUrl: string | undefined
  sqlite: boolean
  /** Imports measured one after another, per engine. */
  runs: number
  /** Milliseconds between two /health probes (open loop: a probe never waits for the one before). */
  probeEveryMs: number
}

const log = (text: string) => process.stderr.write(`${text}\n`)

/**
 * `npm run bench -- import`: /health latency on a listening server while a host imports the largest file the
 * server takes — as many items as allowed, each with text long enough to bring the file to the byte limit.
 */
export async function runImportBench(options: ImportBenchOptions): Promise<number> {
  const xml = largestFile()
  log(`file: ${DANMAKU_IMPORT_MAX_ITEMS} items, ${(Buffer.byteLength(xml) / 1024 / 1024).toFixed(2)} MiB`)
  const engines = [...(options.sqlite ? [undefined] : []), ...(options.postgresUrl ? [options.postgresUrl] : [])]
  console.log('db          version        run  import ms  probes  health p50  p99  max ms  idle p99 ms')
  for (const postgresUrl of engines) {
    const target = await createFeedTarget(postgresUrl, { bench: 'import' })
    try {
      const version = await engineVersion(target.app)
      const url = await target.app.listen({ port: 0, host: '127.0.0.1' })
      const token = await registerHost(url)
      for (let run = 1; run <= options.runs; run++) {
        const eventId = await createEvent(url, token)
        const idle = await probeWhile(url, options.probeEveryMs, sleep(1000))
        const started = performance.now()
        const busy = await probeWhile(url, options.probeEveryMs, importFile(url, token, eventId, xml))
        const importMs = performance.now() - started
        const [p50, p99, max] = [quantile(busy, 0.5), quantile(busy, 0.99), quantile(busy, 1)]
        console.log(
          `${target.dialect.padEnd(11)} ${version.slice(0, 13).padEnd(14)} ${String(run).padStart(3)}  ` +
            `${importMs.toFixed(0).padStart(9)}  ${String(busy.length).padStart(6)}  ${p50.toFixed(1).padStart(10)}  ` +
            `${p99.toFixed(1).padStart(4)}  ${max.toFixed(1).padStart(6)}  ${quantile(idle, 0.99).toFixed(1).padStart(11)}`,
        )
      }
    } finally {
      await target.close()
    }
  }
  log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0]!.toFixed(1)}`)
  return 0
}

function largestFile(): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?><i>'
  const item = (i: number, text: string) =>
    `<d p="${(i / 10).toFixed(1)},1,25,16777215,1700000000,0,abcdef12,${1_000_000 + i}">${text}</d>\n`
  const budget = DANMAKU_IMPORT_MAX_BYTES - Buffer.byteLength(head + '</i>')
  const widest = Buffer.byteLength(item(DANMAKU_IMPORT_MAX_ITEMS, ''))
  const chars = Math.min(100, Math.floor((budget / DANMAKU_IMPORT_MAX_ITEMS - widest) / 3))
  const text = '弹'.repeat(chars)
  return head + Array.from({ length: DANMAKU_IMPORT_MAX_ITEMS }, (_, i) => item(i, text)).join('') + '</i>'
}

/** Latencies (ms) of /health probes sent every `everyMs` until `work` settles. */
async function probeWhile(url: string, everyMs: number, work: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = []
  const probes: Array<Promise<void>> = []
  let done = false
  const finished = work.finally(() => {
    done = true
  })
  while (!done) {
    const sent = performance.now()
    probes.push(
      fetch(`${url}/api/v1/health`).then(async (res) => {
        await res.arrayBuffer()
        if (!res.ok) throw new Error(`/health answered ${res.status}`)
        latencies.push(performance.now() - sent)
      }),
    )
    await Promise.race([sleep(everyMs), finished])
  }
  await finished
  await Promise.all(probes)
  return latencies
}

async function registerHost(url: string): Promise<string> {
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  const { sandboxCode } = await post(url, '/auth/codes', { phone, purpose: 'register' })
  const registered = await post(url, '/auth/register', {
    phone,
    code: sandboxCode,
    password: 'bench-password-1',
    displayName: '主播',
  })
  return registered.token as string
}

async function createEvent(url: string, token: string): Promise<string> {
  const event = await post(url, '/live/events', { title: 'import', startsAt: '2030-01-01T00:00:00Z' }, token)
  return event.id as string
}

async function importFile(url: string, token: string, eventId: string, xml: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/live/events/${eventId}/danmaku/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
    body: xml,
  })
  const body = (await res.json()) as { imported?: number }
  if (res.status !== 200 || body.imported !== DANMAKU_IMPORT_MAX_ITEMS) {
    throw new Error(`import answered ${res.status} ${JSON.stringify(body)}`)
  }
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${path} answered ${res.status} ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}
