import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfFaultTools } from './harness/available.js'
import { key, Person, PIN } from './harness/client.js'
import { waitUntil } from './harness/processes.js'
import { Stack } from './harness/stack.js'

describeIfFaultTools('PostgreSQL restarts under two processes behind nginx', () => {
  let stack: Stack
  let payer: Person
  let payee: Person

  beforeAll(async () => {
    stack = await Stack.start()
    payer = await Person.withWallet(stack.url, 100_000)
    payee = await Person.withWallet(stack.url, 0)
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('fails requests fast with 503 SERVICE_UNAVAILABLE while it is down, and recovers by itself', async () => {
    await payer.expect(
      201,
      'POST',
      '/transfers',
      { toUserId: payee.id, amount: 100, pin: PIN },
      { 'idempotency-key': key() },
    )
    stack.postgres.stop('fast')

    // Both processes, reached through nginx, and each one directly.
    const probes = [
      () => payer.call('GET', '/me'),
      () => payer.call('GET', '/wallet'),
      () =>
        payer.call('POST', '/transfers', { toUserId: payee.id, amount: 100, pin: PIN }, { 'idempotency-key': key() }),
      ...stack.servers.map((server) => () => new Person(server.url).call('GET', '/health')),
    ]
    for (let round = 0; round < 2; round++) {
      for (const probe of probes) {
        const started = Date.now()
        const reply = await probe()
        expect(Date.now() - started).toBeLessThan(3_000)
        expect(reply.status, JSON.stringify(reply.body)).toBe(503)
        expect(reply.body.error.code).toBe('SERVICE_UNAVAILABLE')
      }
    }
    const health = await new Person(stack.servers[0].url).call('GET', '/health')
    expect(health.body.error).toMatchObject({ db: 'down', bus: 'up' })

    stack.postgres.start()
    await waitUntil('requests to succeed again', async () => (await payer.call('GET', '/me')).status === 200, 15_000)
    for (const server of stack.servers) {
      expect(server.child.running, stack.logs()).toBe(true)
      expect((await new Person(server.url).call('GET', '/health')).status).toBe(200)
    }
    // Both processes serve again (nginx alternates between them), writes included.
    for (let i = 0; i < 4; i++) {
      await payer.expect(
        201,
        'POST',
        '/transfers',
        { toUserId: payee.id, amount: 100, pin: PIN },
        { 'idempotency-key': key() },
      )
    }
    expect((await payee.expect(200, 'GET', '/wallet')).balance).toBe(500)
    expect(stack.audit()).toContain('✓')
  })
})
