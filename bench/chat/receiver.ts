import { performance } from 'node:perf_hooks'
import * as hdr from 'hdr-histogram-js'
import WebSocket from 'ws'

/** Percentiles of one latency histogram, in milliseconds. */
export interface LatencySummary {
  count: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
}

/** Microseconds, up to ten minutes; 3 significant digits. */
export const newHistogram = () =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 })

export function summarise(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us / 10) / 100
  return {
    count: histogram.totalCount,
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p90Ms: ms(histogram.getValueAtPercentile(90)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    maxMs: ms(histogram.maxValue),
  }
}

/** What the bench writes as a message's text: its number and the wall time it was scheduled for. */
export const benchText = (n: number, scheduledMs: number) => `bench ${n} ${scheduledMs.toFixed(3)}`
export const nowMs = () => performance.timeOrigin + performance.now()

/**
 * Every `message.new` that reaches any of the bench's sockets: received counts per message, duplicates (the same
 * message twice on one socket), and numbers going backwards within a conversation on one socket.
 */
export class Receiver {
  readonly received: Uint16Array
  readonly all = newHistogram()
  readonly group = newHistogram()
  readonly direct = newHistogram()
  duplicates = 0
  outOfOrder = 0
  /** Frames of messages the bench did not send in its measured phase (the warm-up's). */
  other = 0
  private readonly seen: Array<Set<number>>
  private readonly lastSeq: Array<Map<string, number>>

  constructor(
    sockets: number,
    messages: number,
    private readonly isGroup: (conversationId: string) => boolean,
  ) {
    this.received = new Uint16Array(messages)
    this.seen = Array.from({ length: sockets }, () => new Set())
    this.lastSeq = Array.from({ length: sockets }, () => new Map())
  }

  /** Opens socket `index` with `token`; resolves on `ready`, from when nothing pushed to its person is missed. */
  connect(url: string, index: number, token: string, timeoutMs: number): Promise<WebSocket> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(token)}`)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('no ready in time')), timeoutMs)
      const fail = (error: Error) => {
        clearTimeout(timer)
        socket.terminate()
        reject(error)
      }
      socket.once('error', fail)
      socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)))
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as { type: string; data: any }
        if (frame.type === 'ready') {
          clearTimeout(timer)
          resolve(socket)
        } else if (frame.type === 'message.new') this.record(index, frame.data)
      })
    })
  }

  get totalReceived(): number {
    return this.received.reduce((sum, n) => sum + n, 0)
  }

  private record(socket: number, message: { conversationId: string; seq: number; text: string | null }): void {
    const at = nowMs()
    const parts = message.text?.split(' ')
    const n = Number(parts?.[1])
    if (parts?.[0] !== 'bench' || !Number.isInteger(n) || n < 0 || n >= this.received.length) {
      this.other++
      return
    }
    const seen = this.seen[socket]!
    if (seen.has(n)) {
      this.duplicates++
      return
    }
    seen.add(n)
    const last = this.lastSeq[socket]!.get(message.conversationId) ?? 0
    if (message.seq <= last) this.outOfOrder++
    else this.lastSeq[socket]!.set(message.conversationId, message.seq)
    this.received[n]!++
    const us = Math.max(1, Math.round((at - Number(parts[2])) * 1000))
    this.all.recordValue(us)
    ;(this.isGroup(message.conversationId) ? this.group : this.direct).recordValue(us)
  }
}
