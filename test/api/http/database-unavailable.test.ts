import net from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { describeIfPostgres } from '../../helpers/optional.js'

/**
 * A TCP relay between the app and PostgreSQL that the test can cut and mend: the app sees exactly what a database
 * restart looks like (connections dropped, new ones refused) without stopping the PostgreSQL other tests use.
 */
class Relay {
  private server: net.Server | undefined
  private readonly open = new Set<net.Socket>()

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async start(): Promise<void> {
    if (this.server?.listening) return
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target)
      for (const socket of [client, upstream]) {
        this.open.add(socket)
        socket.on('error', () => undefined)
        socket.on('close', () => {
          this.open.delete(socket)
          client.destroy()
          upstream.destroy()
        })
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve))
    for (const socket of this.open) socket.destroy()
    await closed
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describeIfPostgres('PostgreSQL unreachable', () => {
  let relay: Relay
  let testApp: TestApp
  let user: TestUser

  beforeAll(async () => {
    const real = new URL(process.env.DATABASE_URL!)
    relay = new Relay(await freePort(), { host: real.hostname, port: Number(real.port || 5432) })
    await relay.start()
    const relayed = new URL(real)
    relayed.host = `127.0.0.1:${relay.port}`
    testApp = await createTestApp({ env: { DATABASE_URL: relayed.toString() } })
    user = await registerUser(testApp.app)
  })

  afterAll(async () => {
    await relay.start()
    await testApp.close()
    await relay.cut()
  })

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After within 3 s, and recovers by itself', async () => {
    expect((await call(testApp.app, 'GET', '/api/v1/me', { token: user.token })).status).toBe(200)
    await relay.cut()

    for (const url of ['/api/v1/me', '/api/v1/wallet']) {
      const started = Date.now()
      const down = await call(testApp.app, 'GET', url, { token: user.token })
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(down.status).toBe(503)
      expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE')
      expect(Number(down.headers['retry-after'])).toBeGreaterThan(0)
    }
    const health = await call(testApp.app, 'GET', '/api/v1/health')
    expect(health.status).toBe(503)
    expect(health.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', db: 'down', bus: 'up' })

    await relay.start()
    const back = await call(testApp.app, 'GET', '/api/v1/me', { token: user.token })
    expect(back.status).toBe(200)
    expect(back.body.id ?? back.body.user?.id).toBe(user.id)
    expect((await call(testApp.app, 'GET', '/api/v1/health')).status).toBe(200)
  })
})
