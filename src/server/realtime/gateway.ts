import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import { SESSION_ENDED_CLOSE_CODE } from '../../shared/api/common.js'
import type { Bus } from './bus.js'
import { userChannel } from './push.js'
import { parseSessionIds, SESSIONS_ENDED_CHANNEL } from './session-ends.js'

export interface GatewayOptions {
  /** How often every socket is pinged; one missed pong and it is dropped. */
  heartbeatMs: number
  /** A socket whose unsent frames pass this is cut off: a slow client may not grow the server's memory. */
  maxBufferedBytes: number
  /** How often the sessions of held sockets are looked up, to close those that ended without a notice. */
  sessionCheckMs: number
  /** Which of these sessions still stand. */
  liveSessions: (sessionIds: string[]) => Promise<Set<string>>
}

/** Bounds the `in (…)` list of one session check. */
const SESSION_CHECK_BATCH = 500

interface Held {
  sockets: Set<WebSocket>
  /** Resolves once this process listens on the person's channel; gives the function that stops it. */
  subscription: Promise<() => Promise<void>>
}

/**
 * The sockets this process holds, by person. A person's first socket here subscribes this process to their bus
 * channel and the last one unsubscribes it, so a frame published on any process reaches every socket of theirs.
 * Frames arrive from the bus as text and are sent as they are: serialised once, however many sockets.
 */
export class Gateway {
  private readonly held = new Map<string, Held>()
  private readonly alive = new WeakMap<WebSocket, boolean>()
  private readonly heartbeat: NodeJS.Timeout
  /** Sockets by the session they were opened with. */
  private readonly bySession = new Map<string, Set<WebSocket>>()
  private readonly sessionCheck: NodeJS.Timeout
  private readonly sessionEnds: Promise<() => Promise<void>>

  constructor(
    private readonly bus: Bus,
    private readonly log: FastifyBaseLogger,
    private readonly options: GatewayOptions,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs)
    this.heartbeat.unref()
    bus.onReconnect(() => this.resumeAll())
    this.sessionEnds = bus.subscribe(SESSIONS_ENDED_CHANNEL, (message) => this.endSessions(parseSessionIds(message)))
    // A notice can be lost (the bus was away) and a session can end by expiring: this catches both.
    this.sessionCheck = setInterval(() => void this.checkSessions(), options.sessionCheckMs)
    this.sessionCheck.unref()
  }

  /** Resolves once this process hears of ended sessions. */
  async ready(): Promise<void> {
    await this.sessionEnds
  }

  /**
   * After the bus was away, frames published meanwhile never reached these sockets. `ready` again makes each
   * client catch up from its last seen message, as after a reconnect of its own.
   */
  private resumeAll(): void {
    this.log.info(this.counts, 'bus back: sockets told to catch up')
    for (const [userId, held] of this.held) {
      const ready = JSON.stringify({ type: 'ready', data: { userId } })
      for (const socket of held.sockets) this.send(socket, ready)
    }
  }

  /** Resolves once frames for this person reach the socket. */
  async attach(userId: string, sessionId: string, socket: WebSocket): Promise<void> {
    let sockets = this.bySession.get(sessionId)
    if (!sockets) this.bySession.set(sessionId, (sockets = new Set()))
    sockets.add(socket)
    socket.once('close', () => {
      if (sockets.delete(socket) && sockets.size === 0 && this.bySession.get(sessionId) === sockets) {
        this.bySession.delete(sessionId)
      }
    })
    let held = this.held.get(userId)
    if (!held) {
      const subscription = this.bus.subscribe(userChannel(userId), (frame) => this.deliver(userId, frame))
      held = { sockets: new Set(), subscription }
      this.held.set(userId, held)
    }
    held.sockets.add(socket)
    this.alive.set(socket, true)
    socket.on('pong', () => this.alive.set(socket, true))
    socket.once('close', () => void this.detach(userId, socket))
    await held.subscription
  }

  /**
   * Sends a text frame to one socket, cutting the socket off if it is not keeping up. A frame for many sockets
   * comes as the bytes of its text, encoded once rather than once per socket.
   */
  send(socket: WebSocket, frame: string | Buffer): void {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount + frame.length > this.options.maxBufferedBytes) {
      this.log.warn({ buffered: socket.bufferedAmount }, 'socket too slow: cut off')
      socket.terminate()
      return
    }
    socket.send(frame, { binary: false })
  }

  socketsOf(userId: string): number {
    return this.held.get(userId)?.sockets.size ?? 0
  }

  /** Sockets and people held by this process. */
  get counts(): { sockets: number; people: number } {
    let sockets = 0
    for (const held of this.held.values()) sockets += held.sockets.size
    return { sockets, people: this.held.size }
  }

  /** Closes, on this process, every socket opened with one of these sessions. */
  endSessions(sessionIds: string[]): void {
    for (const sessionId of sessionIds) {
      const sockets = this.bySession.get(sessionId)
      if (!sockets) continue
      this.bySession.delete(sessionId)
      for (const socket of sockets) socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended')
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    clearInterval(this.sessionCheck)
    await (
      await this.sessionEnds
    )()
    for (const held of this.held.values()) for (const socket of held.sockets) socket.close(1001, 'server shutting down')
    await Promise.all([...this.held.values()].map(async (held) => (await held.subscription)()))
    this.held.clear()
  }

  private deliver(userId: string, frame: string): void {
    for (const socket of this.held.get(userId)?.sockets ?? []) this.send(socket, frame)
  }

  private async detach(userId: string, socket: WebSocket): Promise<void> {
    const held = this.held.get(userId)
    if (!held?.sockets.delete(socket) || held.sockets.size > 0) return
    this.held.delete(userId)
    await (
      await held.subscription
    )()
  }

  private async checkSessions(): Promise<void> {
    const held = [...this.bySession.keys()]
    try {
      for (let i = 0; i < held.length; i += SESSION_CHECK_BATCH) {
        const batch = held.slice(i, i + SESSION_CHECK_BATCH)
        const live = await this.options.liveSessions(batch)
        this.endSessions(batch.filter((id) => !live.has(id)))
      }
    } catch (error) {
      // The database is away: sockets stay as they are until it is back.
      this.log.warn({ err: error }, 'session check failed')
    }
  }

  private beat(): void {
    for (const held of this.held.values()) {
      for (const socket of held.sockets) {
        if (!this.alive.get(socket)) {
          socket.terminate()
          continue
        }
        this.alive.set(socket, false)
        socket.ping()
      }
    }
  }
}
