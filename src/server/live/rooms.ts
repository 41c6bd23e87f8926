import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { WebSocket } from 'ws'
import type { Bus } from '../realtime/bus.js'
import type { Gateway } from '../realtime/gateway.js'

export interface RoomOptions {
  /** Danmaku are gathered this long and sent as one frame (~100 ms). */
  flushMs: number
  /** Unsent danmaku a room keeps at most; under overload the oldest go first, and are counted. */
  maxPending: number
  /** How often each room hears its viewer count. */
  viewersMs: number
  /**
   * `batched` (the default, and the product). `naive` sends every danmaku as its own frame, serialised again for each
   * viewer, as it arrives: only the danmaku bench sets it, to measure what batching saves.
   */
  fanout?: 'batched' | 'naive'
}

interface Room {
  sockets: Set<WebSocket>
  /** Danmaku serialised once, when published; a batch frame is these joined. */
  pending: string[]
  dropped: number
  droppedTotal: number
  timer: NodeJS.Timeout | undefined
  subscription: Promise<() => Promise<void>>
}

const DANMAKU = 'd'
const RECALL = 'r'
const STATUS = 's'

/**
 * Live rooms on this process: `live:<eventId>` on the bus carries every danmaku (from whichever process stored it);
 * each process gathers what arrives for ~100 ms and sends one pre-serialised `danmaku.batch` frame to all its sockets
 * in the room — one JSON.stringify per danmaku and one string per batch, however many viewers. A room that cannot
 * keep up drops its oldest unsent danmaku (and says how many), so memory stays bounded and other rooms never wait.
 */
export class LiveRooms {
  private readonly rooms = new Map<string, Room>()
  private readonly joined = new WeakMap<WebSocket, Set<string>>()
  private readonly ticker: NodeJS.Timeout

  constructor(
    private readonly bus: Bus,
    private readonly gateway: Gateway,
    private readonly viewers: ViewerCounts,
    private readonly log: FastifyBaseLogger,
    private readonly options: RoomOptions,
  ) {
    this.ticker = setInterval(() => void this.announceViewers(), options.viewersMs)
    this.ticker.unref()
  }

  async join(eventId: string, socket: WebSocket): Promise<void> {
    let room = this.rooms.get(eventId)
    if (!room) {
      const subscription = this.bus.subscribe(`live:${eventId}`, (message) => this.receive(eventId, message))
      room = { sockets: new Set(), pending: [], dropped: 0, droppedTotal: 0, timer: undefined, subscription }
      this.rooms.set(eventId, room)
    }
    room.sockets.add(socket)
    let mine = this.joined.get(socket)
    if (!mine) {
      mine = new Set()
      this.joined.set(socket, mine)
      socket.once('close', () => {
        for (const id of [...(this.joined.get(socket) ?? [])]) {
          // A socket closing as the server shuts down may find the bus gone: nothing left to count.
          this.leave(id, socket).catch((error: unknown) =>
            this.log.warn({ err: error, eventId: id }, 'leave not counted'),
          )
        }
      })
    }
    mine.add(eventId)
    await room.subscription
    await this.viewers.report(eventId, room.sockets.size)
  }

  async leave(eventId: string, socket: WebSocket): Promise<void> {
    this.joined.get(socket)?.delete(eventId)
    const room = this.rooms.get(eventId)
    if (!room?.sockets.delete(socket)) return
    await this.viewers.report(eventId, room.sockets.size)
    if (room.sockets.size > 0) return
    this.rooms.delete(eventId)
    clearTimeout(room.timer)
    await (
      await room.subscription
    )()
  }

  /** After commit: every process's sockets in the room get it in their next batch. */
  publish(eventId: string, danmakuJson: string): Promise<void> {
    return this.bus.publish(`live:${eventId}`, DANMAKU + danmakuJson)
  }

  publishRecall(eventId: string, danmakuId: string): Promise<void> {
    return this.bus.publish(`live:${eventId}`, RECALL + danmakuId)
  }

  /** The event went live or ended: the room hears it at once, not at its next poll. */
  publishStatus(eventId: string, status: 'live' | 'ended'): Promise<void> {
    return this.bus.publish(`live:${eventId}`, STATUS + status)
  }

  viewerCount(eventId: string): Promise<number> {
    return this.viewers.total(eventId)
  }

  /** Danmaku dropped under overload since the room opened on this process. */
  droppedIn(eventId: string): number {
    return this.rooms.get(eventId)?.droppedTotal ?? 0
  }

  socketsIn(eventId: string): number {
    return this.rooms.get(eventId)?.sockets.size ?? 0
  }

  async close(): Promise<void> {
    clearInterval(this.ticker)
    for (const room of this.rooms.values()) clearTimeout(room.timer)
    await Promise.all([...this.rooms.values()].map(async (room) => (await room.subscription)()))
    this.rooms.clear()
  }

  private receive(eventId: string, message: string): void {
    const room = this.rooms.get(eventId)
    if (!room) return
    if (message.startsWith(STATUS)) {
      const frame = JSON.stringify({ type: 'live.status', data: { eventId, status: message.slice(1) } })
      for (const socket of room.sockets) this.gateway.send(socket, frame)
      return
    }
    if (message.startsWith(RECALL)) {
      const frame = JSON.stringify({ type: 'danmaku.recall', data: { eventId, id: message.slice(1) } })
      for (const socket of room.sockets) this.gateway.send(socket, frame)
      return
    }
    if (this.options.fanout === 'naive') return this.sendEach(eventId, room, message.slice(1))
    room.pending.push(message.slice(1))
    if (room.pending.length > this.options.maxPending) {
      const over = room.pending.length - this.options.maxPending
      room.pending.splice(0, over)
      room.dropped += over
      room.droppedTotal += over
    }
    room.timer ??= setTimeout(() => this.flush(eventId, room), this.options.flushMs)
  }

  private flush(eventId: string, room: Room): void {
    room.timer = undefined
    if (room.pending.length === 0) return
    const dropped = room.dropped > 0 ? `,"dropped":${room.dropped}` : ''
    const frame = Buffer.from(
      `{"type":"danmaku.batch","data":{"eventId":${JSON.stringify(eventId)},"items":[${room.pending.join(',')}]${dropped}}}`,
    )
    room.pending = []
    room.dropped = 0
    for (const socket of room.sockets) this.gateway.send(socket, frame)
  }

  /** The naive fan-out: one JSON.stringify and one frame per danmaku per viewer, nothing pending, nothing dropped. */
  private sendEach(eventId: string, room: Room, danmakuJson: string): void {
    const danmaku: unknown = JSON.parse(danmakuJson)
    for (const socket of room.sockets) {
      this.gateway.send(socket, JSON.stringify({ type: 'danmaku.batch', data: { eventId, items: [danmaku] } }))
    }
  }

  private async announceViewers(): Promise<void> {
    for (const [eventId, room] of this.rooms) {
      try {
        await this.viewers.report(eventId, room.sockets.size)
        const frame = JSON.stringify({
          type: 'live.viewers',
          data: { eventId, viewerCount: await this.viewers.total(eventId) },
        })
        for (const socket of room.sockets) this.gateway.send(socket, frame)
      } catch (error) {
        this.log.warn({ err: error, eventId }, 'viewer count not updated')
      }
    }
  }
}

/** How many watch an event, across processes. */
export interface ViewerCounts {
  report(eventId: string, local: number): Promise<void>
  total(eventId: string): Promise<number>
}

export class LocalViewerCounts implements ViewerCounts {
  private readonly counts = new Map<string, number>()

  async report(eventId: string, local: number): Promise<void> {
    if (local > 0) this.counts.set(eventId, local)
    else this.counts.delete(eventId)
  }

  async total(eventId: string): Promise<number> {
    return this.counts.get(eventId) ?? 0
  }
}

/**
 * Each process writes its own count into a Redis hash per event, with the time it wrote it; the total is the sum of
 * counts written recently, so a process that died stops counting within a minute. Wall-clock time on purpose: the
 * processes compare each other's stamps.
 */
export class RedisViewerCounts implements ViewerCounts {
  private readonly process = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly staleMs = 60_000,
  ) {}

  async report(eventId: string, local: number): Promise<void> {
    const key = this.prefix + eventId
    if (local > 0) await this.redis.hset(key, this.process, `${local}:${Date.now()}`)
    else await this.redis.hdel(key, this.process)
    await this.redis.pexpire(key, this.staleMs * 10)
  }

  async total(eventId: string): Promise<number> {
    const all = await this.redis.hgetall(this.prefix + eventId)
    const now = Date.now()
    let total = 0
    for (const value of Object.values(all)) {
      const [count, at] = value.split(':').map(Number)
      if (count && at && now - at < this.staleMs) total += count
    }
    return total
  }
}
