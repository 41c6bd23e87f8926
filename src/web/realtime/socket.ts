import { SESSION_ENDED_CLOSE_CODE } from '../../shared/api/common.js'
import { parseFrame, type ClientFrame, type ServerFrame } from './frames.js'

export type SocketStatus = 'connecting' | 'online' | 'offline'

interface SocketOptions {
  url: () => string
  onFrame: (frame: ServerFrame) => void
  onStatus: (status: SocketStatus) => void
  /** An attempt closed before it opened: the server is away, or the session is gone. */
  onRefused: () => void
  /** The server closed the socket because its session ended: it is not tried again. */
  onSessionEnded: () => void
}

// The server drops sockets that miss its own heartbeat; ours catches a connection that died silently (a phone
// that slept, a NAT that forgot us) well before the user notices missing messages.
const PING_MS = 25_000
const PONG_TIMEOUT_MS = 10_000
const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 30_000

/** One WebSocket that keeps itself connected: backoff with jitter, heartbeat, reconnect on `online` and on return. */
export class RealtimeSocket {
  private socket: WebSocket | null = null
  private attempt = 0
  private stopped = true
  private retryTimer: number | undefined
  private pingTimer: number | undefined
  private pongTimer: number | undefined

  constructor(private readonly options: SocketOptions) {}

  start(): void {
    this.stopped = false
    window.addEventListener('online', this.reconnectNow)
    document.addEventListener('visibilitychange', this.onVisibility)
    this.connect()
  }

  stop(): void {
    this.stopped = true
    window.removeEventListener('online', this.reconnectNow)
    document.removeEventListener('visibilitychange', this.onVisibility)
    window.clearTimeout(this.retryTimer)
    const socket = this.socket
    if (socket) this.drop(socket)
    socket?.close(1000)
  }

  /** Sends now, or not at all: what a client sends is an acknowledgement or a ping, and both are repeated later. */
  send(frame: ClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame))
  }

  private connect(): void {
    window.clearTimeout(this.retryTimer)
    this.options.onStatus('connecting')
    const socket = new WebSocket(this.options.url())
    this.socket = socket
    let opened = false
    socket.onopen = () => {
      opened = true
      this.pingTimer = window.setInterval(() => this.ping(), PING_MS)
    }
    socket.onmessage = (event: MessageEvent) => {
      // Any frame proves the connection alive, not only a pong.
      window.clearTimeout(this.pongTimer)
      this.pongTimer = undefined
      const frame = parseFrame(event.data)
      if (!frame) return
      if (frame.type === 'ready') {
        this.attempt = 0
        this.options.onStatus('online')
      }
      this.options.onFrame(frame)
    }
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return
      this.drop(socket)
      if (event.code === SESSION_ENDED_CLOSE_CODE) {
        // A dead token would only be refused again, over and over.
        this.stop()
        this.options.onSessionEnded()
        return
      }
      if (!opened) this.options.onRefused()
      if (!this.stopped) this.retryLater()
    }
  }

  /** Forgets a socket at once: its late events are ignored, and a dead one's slow close is not waited for. */
  private drop(socket: WebSocket): void {
    socket.onopen = socket.onmessage = socket.onclose = null
    if (this.socket === socket) this.socket = null
    window.clearInterval(this.pingTimer)
    window.clearTimeout(this.pongTimer)
    this.pongTimer = undefined
    this.options.onStatus('offline')
  }

  private retryLater(): void {
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempt)
    this.attempt += 1
    // Jitter: after a server restart, its clients do not all come back in the same instant.
    this.retryTimer = window.setTimeout(() => this.connect(), ceiling / 2 + (Math.random() * ceiling) / 2)
  }

  private ping(): void {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN || this.pongTimer !== undefined) return
    socket.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame))
    this.pongTimer = window.setTimeout(() => {
      this.drop(socket)
      socket.close()
      if (!this.stopped) this.connect()
    }, PONG_TIMEOUT_MS)
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.socket) return
    this.attempt = 0
    this.connect()
  }

  private readonly onVisibility = () => {
    if (document.visibilityState !== 'visible') return
    // Back from the background: a socket that died meanwhile is found out now, not at the next heartbeat.
    if (this.socket) this.ping()
    else this.reconnectNow()
  }
}
