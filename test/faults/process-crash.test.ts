import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfFaultTools } from './harness/available.js'
import { key, Person, PIN, ResumingSocket } from './harness/client.js'
import { sleep } from './harness/processes.js'
import { Stack } from './harness/stack.js'

const PAYERS = 4
const RECEIVERS = 4
const WORKERS = 6
const START_FEN = 1_000_000

interface Acknowledged {
  key: string
  from: Person
  to: Person
  amount: number
  transactionId: string
  tries: number
}

/** Every item of a person's transaction history, following the cursor. */
async function history(person: Person): Promise<Array<{ id: string; amount: number; category: string }>> {
  const items: Array<{ id: string; amount: number; category: string }> = []
  let cursor: string | null = null
  do {
    const page: any = await person.expect(
      200,
      'GET',
      `/wallet/transactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

describeIfFaultTools('kill -9 one of two processes during a mixed write load', () => {
  let stack: Stack
  let payers: Person[]
  const receivers: Array<{ person: Person; conversationId: string; socket: ResumingSocket }> = []

  beforeAll(async () => {
    stack = await Stack.start()
    payers = []
    for (let i = 0; i < PAYERS; i++) payers.push(await Person.withWallet(stack.url, START_FEN))
    const chatter = payers[0]!
    for (let i = 0; i < RECEIVERS; i++) {
      const person = await Person.withWallet(stack.url, 0)
      receivers.push({ person, conversationId: await chatter.befriend(person), socket: undefined! })
    }
    for (const r of receivers) {
      r.socket = new ResumingSocket(r.person, r.conversationId)
      await r.socket.open()
      // nginx picks upstreams in turn; one more request between two sockets (each opening makes two) spreads them
      // over both processes, so that the dead one surely held some.
      await r.person.expect(200, 'GET', '/me')
    }
  })

  afterAll(async () => {
    for (const r of receivers) r.socket?.close()
    await stack?.stop()
  })

  it('loses no acknowledged transfer, applies none twice, keeps the books, and resumes every socket', async () => {
    const acknowledged: Acknowledged[] = []
    let running = true
    const seqAtKill = new Map<string, number>()

    const worker = async () => {
      while (running) {
        const amount = crypto.randomInt(1, 500)
        const from = payers[crypto.randomInt(PAYERS)]!
        const idempotencyKey = key()
        if (from === payers[0] && crypto.randomInt(2) === 0) {
          // A transfer in chat: money and a message, pushed to the receiver's socket.
          const r = receivers[crypto.randomInt(RECEIVERS)]!
          const path = `/conversations/${r.conversationId}/transfers`
          const { reply, tries } = await from.untilAcknowledged(path, { amount, pin: PIN }, idempotencyKey)
          expect(reply.status, JSON.stringify(reply.body)).toBe(201)
          acknowledged.push({
            key: idempotencyKey,
            from,
            to: r.person,
            amount,
            transactionId: reply.body.transaction.id,
            tries,
          })
        } else {
          const to =
            crypto.randomInt(3) === 0
              ? receivers[crypto.randomInt(RECEIVERS)]!.person
              : payers[crypto.randomInt(PAYERS)]!
          if (to === from) continue
          const body = { toUserId: to.id, amount, pin: PIN }
          const { reply, tries } = await from.untilAcknowledged('/transfers', body, idempotencyKey)
          expect(reply.status, JSON.stringify(reply.body)).toBe(201)
          acknowledged.push({ key: idempotencyKey, from, to, amount, transactionId: reply.body.transaction.id, tries })
        }
      }
    }
    const load = Promise.all(Array.from({ length: WORKERS }, worker))

    await sleep(2_000)
    for (const r of receivers) seqAtKill.set(r.conversationId, r.socket.last)
    const victim = stack.servers[0]
    await victim.child.stop('SIGKILL')
    await sleep(4_000)
    running = false
    await load

    expect(acknowledged.length).toBeGreaterThan(50)
    const retried = acknowledged.filter((a) => a.tries > 1).length
    console.log(`${acknowledged.length} transfers acknowledged, ${retried} after a retry with the same key`)
    // Requests were in flight on the process when it died: the retries are what this test is about.
    expect(retried).toBeGreaterThan(0)

    // Every acknowledged transfer is in the payer's history exactly once, and nothing else is.
    const everyone = [...payers, ...receivers.map((r) => r.person)]
    for (const person of everyone) {
      const items = (await history(person)).filter((item) => item.category !== 'topup')
      const sent = acknowledged.filter((a) => a.from === person)
      const received = acknowledged.filter((a) => a.to === person)
      const outgoing = items.filter((item) => item.amount < 0)
      expect(outgoing.map((item) => item.id).sort()).toEqual(sent.map((a) => a.transactionId).sort())
      expect(items.filter((item) => item.amount > 0)).toHaveLength(received.length)
      const wallet = await person.expect(200, 'GET', '/wallet')
      const start = payers.includes(person) ? START_FEN : 0
      const net = received.reduce((sum, a) => sum + a.amount, 0) - sent.reduce((sum, a) => sum + a.amount, 0)
      expect(wallet.balance).toBe(start + net)
    }
    expect(stack.audit()).toContain('✓')

    // Sockets: those on the dead process were dropped, came back through nginx, and show the whole history.
    const dropped = receivers.filter((r) => r.socket.drops > 0)
    expect(dropped.length, 'some sockets were on the killed process').toBeGreaterThan(0)
    for (const r of receivers) {
      const stored = (await r.person.messagesAfter(r.conversationId, 0)).map((m) => m.seq)
      await r.socket.reaches(stored.length)
      expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
      expect(r.socket.seqs).toEqual(stored)
      const pushedSinceKill = [...r.socket.pushed].filter((seq) => seq > seqAtKill.get(r.conversationId)!)
      if (stored.length > seqAtKill.get(r.conversationId)! + 1) expect(pushedSinceKill.length).toBeGreaterThan(0)
    }
    for (const r of dropped) expect(r.socket.readies).toBeGreaterThanOrEqual(2)
    expect(stack.servers[1].child.running, stack.logs()).toBe(true)
  })
})
