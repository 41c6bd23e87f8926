import { performance } from 'node:perf_hooks'
import * as hdr from 'hdr-histogram-js'
import WebSocket from 'ws'

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
  private owed: Record<Stream, Array<{ id: string; due: number; to: number[] }>> = { chat: [], danmaku: [] }

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

  /** An answered chat message: its other member's socket owes it. */
  chatAnswered(id: string, due: number, recipient: number): void {
    this.owed.chat.push({ id, due, to: [recipient] })
  }

  /** An answered danmaku: every socket in the room owes it, the sender's included. */
  danmakuAnswered(id: string, due: number): void {
    this.owed.danmaku.push({ id, due, to: this.sockets.map((_, i) => i) })
  }

  /** Waits until everything owed has arrived, or `graceMs` has passed. */
  async settle(graceMs: number): Promise<void> {
    const until = performance.now() + graceMs
    while (performance.now() < until && (this.stats('chat').missing > 0 || this.stats('danmaku').missing > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  stats(stream: Stream): DeliveryStats {
    const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000 })
    let owed = 0
    let delivered = 0
    for (const { id, due, to } of this.owed[stream]) {
      for (const socket of to) {
        owed++
        const at = this.arrivals.get(`${socket}:${id}`)
        if (at === undefined) continue
        delivered++
        histogram.recordValue(Math.max(1, Math.round((at - due) * 1000)))
      }
    }
    const ms = (us: number) => Number((us / 1000).toFixed(2))
    return {
      owed,
      delivered,
      missing: owed - delivered,
      duplicates: this.duplicates,
      p50Ms: ms(histogram.getValueAtPercentile(50)),
      p99Ms: ms(histogram.getValueAtPercentile(99)),
      maxMs: ms(histogram.maxValue),
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
