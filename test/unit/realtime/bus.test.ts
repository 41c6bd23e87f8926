import crypto from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryBus, RedisBus } from '../../../src/server/realtime/bus.js'
import { describeIfRedis, REDIS_TEST_URL } from '../../helpers/optional.js'
import { killRedisConnection } from '../../helpers/redis.js'

describe('MemoryBus', () => {
  it('delivers to subscribers of the channel only, until they unsubscribe', async () => {
    const bus = new MemoryBus()
    const got: string[] = []
    const stop = await bus.subscribe('user:1', (m) => got.push(m))
    await bus.subscribe('user:2', (m) => got.push(`wrong ${m}`))
    await bus.publish('user:1', 'hello')
    await stop()
    await bus.publish('user:1', 'after')
    expect(got).toEqual(['hello'])
    await bus.close()
  })
})

describeIfRedis('RedisBus', () => {
  const buses: RedisBus[] = []
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()))
  })

  it('carries a message published on one node to a subscriber on another', async () => {
    const nodeA = new RedisBus(REDIS_TEST_URL!)
    const nodeB = new RedisBus(REDIS_TEST_URL!)
    buses.push(nodeA, nodeB)
    const channel = `test:${crypto.randomUUID()}`
    let received!: (message: string) => void
    const message = new Promise<string>((resolve) => (received = resolve))
    await nodeB.subscribe(channel, received)
    await nodeA.publish(channel, '你好 from A')
    await expect(message).resolves.toBe('你好 from A')
    await nodeA.ping()
  })

  it('stops delivering after the last listener of a channel unsubscribes', async () => {
    const node = new RedisBus(REDIS_TEST_URL!)
    buses.push(node)
    const channel = `test:${crypto.randomUUID()}`
    const got: string[] = []
    const stop = await node.subscribe(channel, (m) => got.push(m))
    await node.publish(channel, 'one')
    await new Promise((r) => setTimeout(r, 50))
    await stop()
    await node.publish(channel, 'two')
    await new Promise((r) => setTimeout(r, 50))
    expect(got).toEqual(['one'])
  })

  it('resubscribes after its connection is lost, then says so, and delivers again', async () => {
    const prefix = `test-${crypto.randomUUID()}:`
    const node = new RedisBus(REDIS_TEST_URL!, prefix)
    const other = new RedisBus(REDIS_TEST_URL!, prefix)
    buses.push(node, other)
    const got: string[] = []
    await node.subscribe('user:1', (m) => got.push(m))
    let reconnected!: () => void
    const back = new Promise<void>((resolve) => (reconnected = resolve))
    node.onReconnect(reconnected)

    await killRedisConnection(`${prefix}subscriber`)
    await back
    await other.publish('user:1', 'after the outage')
    await expect.poll(() => got).toEqual(['after the outage'])
  })
})
