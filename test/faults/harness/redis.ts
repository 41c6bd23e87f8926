import { Child, freePort, waitUntil } from './processes.js'
import net from 'node:net'

/** A redis-server of our own, on a port that stays the same across restarts. */
export class RedisServer {
  private child: Child | undefined

  private constructor(readonly port: number) {}

  static async create(): Promise<RedisServer> {
    const server = new RedisServer(await freePort())
    await server.start()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
    this.child = new Child('redis', 'redis-server', args)
    await waitUntil('redis-server to accept connections', () => accepts(this.port), 10_000)
  }

  /** SIGKILL: Redis gone at once, with every connection, as in a crash or a forced restart. */
  async kill(): Promise<void> {
    await this.child?.stop('SIGKILL')
  }

  async stop(): Promise<void> {
    await this.child?.stop()
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('error', () => resolve(false))
  })
}
