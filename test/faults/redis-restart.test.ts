import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfFaultTools } from './harness/available.js'
import { Person, ResumingSocket } from './harness/client.js'
import { sleep } from './harness/processes.js'
import { Stack } from './harness/stack.js'

const RECEIVERS = 3

describeIfFaultTools('Redis restarts during chat traffic', () => {
  let stack: Stack
  let sender: Person
  const receivers: Array<{ person: Person; conversationId: string; socket: ResumingSocket; sent: number }> = []

  beforeAll(async () => {
    stack = await Stack.start()
    sender = await Person.withWallet(stack.url, 0)
    for (let i = 0; i < RECEIVERS; i++) {
      const person = await Person.withWallet(stack.url, 0)
      const conversationId = await sender.befriend(person)
      const socket = new ResumingSocket(person, conversationId)
      await socket.open()
      receivers.push({ person, conversationId, socket, sent: 0 })
    }
  })

  afterAll(async () => {
    for (const r of receivers) r.socket.close()
    await stack?.stop()
  })

  it('keeps accepting messages, then delivers again once it is back, with every socket’s history complete', async () => {
    const clock: { phase: 'before' | 'down' | 'after' } = { phase: 'before' }
    const sentAfter = new Map<string, number[]>()
    let sending = true
    const traffic = (async () => {
      for (let n = 0; sending; n++) {
        const r = receivers[n % RECEIVERS]!
        const sent = await sender.expect(201, 'POST', `/conversations/${r.conversationId}/messages`, {
          text: `第 ${n} 条（${clock.phase}）`,
        })
        r.sent = sent.seq as number
        if (clock.phase === 'after')
          sentAfter.set(r.conversationId, [...(sentAfter.get(r.conversationId) ?? []), r.sent])
        await sleep(20)
      }
    })()

    await sleep(1_500)
    await stack.redis.kill()
    clock.phase = 'down'
    await sleep(2_000)
    await stack.redis.start()
    // The processes notice Redis is back within ioredis's reconnect backoff (at most 2 s).
    await sleep(2_500)
    clock.phase = 'after'
    await sleep(2_000)
    sending = false
    await traffic

    for (const r of receivers) {
      await r.socket.reaches(r.sent)
      const history = (await r.person.messagesAfter(r.conversationId, 0)).map((m) => m.seq)
      expect(history).toEqual(Array.from({ length: r.sent }, (_, i) => i + 1))
      expect(r.socket.seqs, 'the socket shows the history, every message once, in order').toEqual(history)
      expect(r.socket.drops, 'the socket itself was never dropped').toBe(0)
      expect(r.socket.readies, 'told to catch up when the bus came back').toBeGreaterThanOrEqual(2)
      // Delivery resumed: what was sent after the restart arrived as pushed frames, not only through catch-up.
      const after = sentAfter.get(r.conversationId) ?? []
      expect(after.length).toBeGreaterThan(0)
      expect(after.filter((seq) => r.socket.pushed.has(seq))).toEqual(after)
      expect(r.socket.problems).toEqual([])
    }
    for (const server of stack.servers) expect(server.child.running, stack.logs()).toBe(true)
  })
})
