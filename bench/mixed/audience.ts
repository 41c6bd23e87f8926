import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { newHistogram, summarise } from '../chat/receiver.js'

export interface DeliveryStats {
  /** Deliveries the answered requests owe: a chat message to the other member, a danmaku to every viewer. */
  owed: number
  delivered: number
  missing: number
  duplicates: number
  /** From when the request was due to when the socket had it. */
  p50Ms: number
  p99Ms: number
  maxMs: number
}

type Stream = 'chat' | 'danmaku'
/** An answered request: what it owes, to one socket or (undefined) to every socket in the room. */
type Owed = { id: string; due: number; to: number | undefined }

/**
 * Every member on a socket of their own, opened alternately on each process and joined to the live room, as phones
 * would be: what the answered chat messages and danmaku owe them, and what arrived. A message sent through one
 * process reaches a socket on the other only through Redis, so a gap in the bus shows here as missing deliveries.
 */
export class Audience {
  private readonly sockets: WebSocket[] = []
  /** `<socket>:<id>` → when it arrived, for the phase being measured. */
  private arrivals = new Map<string, number>()
  private duplicates = 0
  private owed: Record<Stream, Owed[]> = { chat: [], danmaku: [] }

  static async open(urls: string[], tokens: string[], eventId: string): Promise<Audience> {
    const audience = new Audience()
    await Promise.all(tokens.map((token, i) => audience.connect(urls[(i + 1) % urls.length]!, i, token, eventId)))
    return audience
  }

  /** Forget what earlier phases sent: the warm-up's deliveries are not counted. */
  reset(): void {
    this.arrivals = new Map()
    this.duplicates = 0
    this.owed = { chat: [], danmaku: [] }
  }

  /**
   * An answered request: a chat message is owed to its other member's socket (`recipient`), a danmaku to every socket
   * in the room, the sender's included.
   */
  owe(stream: Stream, id: string, due: number, recipient?: number): void {
    this.owed[stream].push({ id, due, to: recipient })
  }

  /** Waits until everything owed has arrived, or `graceMs` has passed. */
  async settle(graceMs: number): Promise<void> {
    const until = performance.now() + graceMs
    const missing = (stream: Stream) => {
      for (const latency of this.deliveries(stream)) if (latency === undefined) return true
      return false
    }
    while (performance.now() < until && (missing('chat') || missing('danmaku'))) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  stats(stream: Stream): DeliveryStats {
    const histogram = newHistogram()
    let owed = 0
    for (const latencyMs of this.deliveries(stream)) {
      owed++
      if (latencyMs !== undefined) histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000)))
    }
    const { count, p50Ms, p99Ms, maxMs } = summarise(histogram)
    return { owed, delivered: count, missing: owed - count, duplicates: this.duplicates, p50Ms, p99Ms, maxMs }
  }

  /** Each delivery owed, as its latency from due in ms, or undefined while it has not arrived. */
  private *deliveries(stream: Stream): Generator<number | undefined> {
    for (const { id, due, to } of this.owed[stream]) {
      for (const socket of to === undefined ? this.sockets.keys() : [to]) {
        const at = this.arrivals.get(`${socket}:${id}`)
        yield at === undefined ? undefined : at - due
      }
    }
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate()
  }

  private arrived(socket: number, id: string): void {
    const key = `${socket}:${id}`
    if (this.arrivals.has(key)) this.duplicates++
    else this.arrivals.set(key, performance.now())
  }

  private connect(url: string, index: number, token: string, eventId: string): Promise<void> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(token)}`)
    this.sockets[index] = socket
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket ${index}: not in the room in time`)), 30_000)
      socket.once('error', reject)
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { type: string; data: any }
        if (frame.type === 'message.new') this.arrived(index, frame.data.id)
        else if (frame.type === 'danmaku.batch') for (const item of frame.data.items) this.arrived(index, item.id)
        else if (frame.type === 'ready') socket.send(JSON.stringify({ type: 'live.join', eventId }))
        else if (frame.type === 'live.joined') {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  }
}
