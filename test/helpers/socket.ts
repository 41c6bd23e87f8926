import WebSocket from 'ws'

export interface Frame {
  type: string
  data: any
}

/** A test client: every frame it receives, in order, and a way to wait for one. */
export class SocketClient {
  readonly frames: Frame[] = []
  private waiters: Array<() => void> = []

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      // The API sends text frames only; a browser would hand a binary one to the app as a Blob it cannot parse.
      const frame = isBinary
        ? { type: 'unexpected.binary', data: null }
        : (JSON.parse((data as Buffer).toString('utf8')) as Frame)
      this.frames.push(frame)
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  /** Connects and waits for `ready`: from then on nothing pushed to this person is missed. */
  static async connect(baseUrl: string, token: string, options: WebSocket.ClientOptions = {}): Promise<SocketClient> {
    const socket = new WebSocket(
      `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(token)}`,
      options,
    )
    const client = new SocketClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
    })
    await client.next((f) => f.type === 'ready')
    return client
  }

  /** The first frame (already received or still to come) that matches, within the timeout. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.frames.find(match)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Waits until `count` frames of a type have arrived. */
  async collect(type: string, count: number, timeoutMs = 5_000): Promise<Frame[]> {
    await this.next(() => this.frames.filter((f) => f.type === type).length >= count, timeoutMs)
    return this.frames.filter((f) => f.type === type)
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame))
  }

  closed(): Promise<number> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1)
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)))
  }

  close(): Promise<number> {
    const done = this.closed()
    this.socket.close()
    return done
  }
}

/** What the server answers a socket it refuses before the upgrade. */
export function refusedStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options)
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('open', () => {
      socket.close()
      reject(new Error('the socket was accepted'))
    })
    socket.once('error', () => undefined)
  })
}

/** A socket opened with options of our own (origin, cookie): its first frame. */
export function firstFrame(url: string, options: WebSocket.ClientOptions): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options)
    socket.once('message', (data) => {
      resolve(JSON.parse((data as Buffer).toString('utf8')) as Frame)
      socket.close()
    })
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
  })
}
