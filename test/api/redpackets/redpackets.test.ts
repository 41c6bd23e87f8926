import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, groupConversation } from '../../helpers/chat.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { notificationsOf } from '../../helpers/notifications.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('red packets (紅包)', () => {
  let now = Date.parse('2026-10-05T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (
    user: TestUser,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
    key: string | null = idem(),
  ) => call(app(), method, url, { token: user.token, body, headers: key ? { 'idempotency-key': key } : {} })
  const send = (user: TestUser, conversationId: string, body: object, key?: string) =>
    as(user, 'POST', `/api/v1/conversations/${conversationId}/red-packets`, { pin: PIN, ...body }, key)
  const claim = (user: TestUser, packetId: string, key?: string) =>
    as(user, 'POST', `/api/v1/red-packets/${packetId}/claim`, undefined, key)

  /** A funded, verified sender in a group with `size` verified members. */
  async function group(size: number) {
    const sender = await verifiedUserWithPin(app(), '发红包的')
    await topUp(app(), sender, 100_000)
    const members = await Promise.all(
      Array.from({ length: size }, async () => {
        const member = await verifiedUserWithPin(app(), '群友')
        await befriend(app(), sender, member)
        return member
      }),
    )
    return { sender, members, conversationId: await groupConversation(app(), sender, members) }
  }

  it('takes the whole packet from the sender at once and posts it as a card', async () => {
    const { sender, members, conversationId } = await group(2)
    const sent = await send(sender, conversationId, { type: 'lucky', total: 888, count: 3, greeting: '恭喜发财' })
    expect(sent.status).toBe(201)
    expect(sent.body.message).toMatchObject({
      kind: 'red_packet',
      text: '恭喜发财',
      card: { type: 'red_packet', id: sent.body.id, text: '恭喜发财' },
      sender: { id: sender.id },
    })
    expect((await walletOf(app(), sender)).balance).toBe(100_000 - 888)
    const seen = await as(members[0]!, 'GET', `/api/v1/conversations/${conversationId}/messages`, undefined, null)
    expect(seen.body.items[0].card).toMatchObject({ type: 'red_packet', id: sent.body.id })
    const view = await as(members[0]!, 'GET', `/api/v1/red-packets/${sent.body.id}`, undefined, null)
    expect(view.body).toMatchObject({
      total: 888,
      count: 3,
      remaining: 3,
      status: 'active',
      claims: [],
      myAmount: null,
    })
    expect(view.body).not.toHaveProperty('remainingAmount')
    await expectBooksBalanced(app())
  })

  it('pays exactly `count` winners under a storm of claims, summing to the total, none twice', async () => {
    const { sender, members, conversationId } = await group(30)
    const sent = await send(sender, conversationId, { type: 'lucky', total: 1_000, count: 10 })
    const storm = await Promise.all(
      members.flatMap((m) => [claim(m, sent.body.id), claim(m, sent.body.id)]).concat(claim(sender, sent.body.id)),
    )
    const won = storm.filter((r) => r.status === 200)
    expect(won).toHaveLength(10)
    expect(won.reduce((sum, r) => sum + (r.body.amount as number), 0)).toBe(1_000)
    const codes = storm.filter((r) => r.status !== 200).map((r) => r.body.error.code)
    expect(new Set(codes)).toEqual(new Set(['ALREADY_CLAIMED', 'RED_PACKET_EMPTY']))
    const view = (await as(sender, 'GET', `/api/v1/red-packets/${sent.body.id}`, undefined, null)).body
    expect(view).toMatchObject({ status: 'finished', remaining: 0, remainingAmount: 0 })
    expect(new Set(view.claims.map((c: { user: { id: string } }) => c.user.id)).size).toBe(10)
    const best = view.claims.filter((c: { bestLuck: boolean }) => c.bestLuck)
    expect(best).toHaveLength(1)
    expect(best[0].amount).toBe(Math.max(...view.claims.map((c: { amount: number }) => c.amount)))
    const paid = await Promise.all(members.map((m) => walletOf(app(), m)))
    expect(paid.reduce((sum, w) => sum + (w.balance as number), 0) + (await walletOf(app(), sender)).balance).toBe(
      100_000,
    )
    await expectBooksBalanced(app())
  })

  it('refuses late claims on an empty packet from memory, without a ledger command, still telling winners apart', async () => {
    const { sender, members, conversationId } = await group(6)
    const sent = await send(sender, conversationId, { type: 'lucky', total: 300, count: 3 })
    const won = await Promise.all(members.slice(0, 3).map((m) => claim(m, sent.body.id)))
    expect(won.map((r) => r.status)).toEqual([200, 200, 200])
    const ledger = app().ctx.ledger
    const submit = ledger.submit.bind(ledger)
    let commands = 0
    ledger.submit = (command) => {
      commands++
      return submit(command)
    }
    try {
      const late = await Promise.all([...members.slice(3), members[0]!].map((m) => claim(m, sent.body.id)))
      expect(late.map((r) => r.body.error.code)).toEqual([
        'RED_PACKET_EMPTY',
        'RED_PACKET_EMPTY',
        'RED_PACKET_EMPTY',
        'ALREADY_CLAIMED',
      ])
      expect(commands).toBe(0)
    } finally {
      ledger.submit = submit
    }
  })

  it('gives one person one share when their two claims meet in one batch, leaving the other share to take', async () => {
    const { sender, members, conversationId } = await group(2)
    const sent = await send(sender, conversationId, { type: 'equal', total: 200, count: 2 })
    const twice = await Promise.all([claim(members[0]!, sent.body.id), claim(members[0]!, sent.body.id)])
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409])
    expect(twice.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_CLAIMED')
    expect((await claim(members[1]!, sent.body.id)).body).toEqual({ amount: 100, currency: 'CNY' })
    expect((await walletOf(app(), members[0]!)).balance).toBe(100)
    await expectBooksBalanced(app())
  })

  it('refuses a claim from someone who has left the group, though their chat member row remains', async () => {
    const sender = await verifiedUserWithPin(app(), '发红包的')
    await topUp(app(), sender, 1_000)
    const [stays, leaves] = [await verifiedUserWithPin(app()), await verifiedUserWithPin(app())]
    await befriend(app(), sender, stays)
    await befriend(app(), sender, leaves)
    const made = await as(sender, 'POST', '/api/v1/groups', { name: '小群', memberIds: [stays.id, leaves.id] }, null)
    const sent = await send(sender, made.body.conversationId, { type: 'equal', total: 200, count: 2 })
    expect(sent.status).toBe(201)
    const left = await as(leaves, 'DELETE', `/api/v1/groups/${made.body.id}/members/${leaves.id}`, undefined, null)
    expect(left.status).toBe(204)
    expect((await claim(leaves, sent.body.id)).status).toBe(404)
    expect((await claim(stays, sent.body.id)).body).toEqual({ amount: 100, currency: 'CNY' })
  })

  it('answers a retried claim with its first answer, and a new claim with ALREADY_CLAIMED', async () => {
    const { sender, members, conversationId } = await group(2)
    const sent = await send(sender, conversationId, { type: 'equal', total: 200, count: 2 })
    const key = idem()
    const first = await claim(members[0]!, sent.body.id, key)
    expect(first.body).toEqual({ amount: 100, currency: 'CNY' })
    expect(await claim(members[0]!, sent.body.id, key)).toMatchObject({ status: 200, body: first.body })
    const again = await claim(members[0]!, sent.body.id)
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_CLAIMED'])
    expect((await walletOf(app(), members[0]!)).balance).toBe(100)
  })

  it('returns what is left to the sender after 24 hours; later claims find it expired', async () => {
    const { sender, members, conversationId } = await group(3)
    const sent = await send(sender, conversationId, { type: 'lucky', total: 500, count: 5 })
    const got = await claim(members[0]!, sent.body.id)
    now += 24 * 3600_000 - 1
    expect(await app().ctx.redPackets.expire()).toBe(0)
    now += 1
    const late = await claim(members[1]!, sent.body.id)
    expect([late.status, late.body.error.code]).toEqual([410, 'RED_PACKET_EXPIRED'])
    // Earlier tests' packets expire with it.
    expect(await app().ctx.redPackets.expire()).toBeGreaterThanOrEqual(1)
    expect(await app().ctx.redPackets.expire()).toBe(0)
    expect((await walletOf(app(), sender)).balance).toBe(100_000 - got.body.amount)
    const view = (await as(sender, 'GET', `/api/v1/red-packets/${sent.body.id}`, undefined, null)).body
    expect(view).toMatchObject({ status: 'expired', remaining: 4 })
    expect((await claim(members[2]!, sent.body.id)).status).toBe(410)
    // The sender heard of the claim and of the refund; the claimer of nothing.
    const heard = (await notificationsOf(app(), sender)).items.filter((n: { kind: string }) =>
      n.kind.startsWith('red_packet.'),
    )
    expect(heard.map((n: { kind: string }) => n.kind)).toEqual(['red_packet.expired', 'red_packet.claimed'])
    expect(heard[0]).toMatchObject({
      ref: { type: 'red_packet', id: sent.body.id },
      data: { amount: 500 - got.body.amount },
    })
    expect(heard[1]).toMatchObject({ actor: { id: members[0]!.id }, data: { amount: got.body.amount } })
    const claimerHeard = (await notificationsOf(app(), members[0]!)).items.map((n: { kind: string }) => n.kind)
    expect(claimerHeard.filter((kind: string) => kind.startsWith('red_packet.'))).toEqual([])
    const history = (await as(sender, 'GET', '/api/v1/wallet/transactions', undefined, null)).body.items
    expect(history.find((t: { category: string }) => t.category === 'red_packet_refund').amount).toBe(
      500 - got.body.amount,
    )
    await expectBooksBalanced(app())
  })

  it('in a direct chat, is one share for the other person only', async () => {
    const a = await verifiedUserWithPin(app())
    const b = await verifiedUserWithPin(app())
    await befriend(app(), a, b)
    await topUp(app(), a, 10_000)
    const id = await directConversation(app(), a, b)
    const many = await send(a, id, { type: 'lucky', total: 500, count: 2 })
    expect([many.status, many.body.error.field]).toEqual([400, 'count'])
    const sent = await send(a, id, { type: 'lucky', total: 520, count: 1, greeting: '520' })
    expect((await claim(a, sent.body.id)).status).toBe(403)
    expect((await claim(b, sent.body.id)).body.amount).toBe(520)
    const outsider = await verifiedUserWithPin(app())
    expect((await claim(outsider, sent.body.id)).status).toBe(404)
    expect((await as(outsider, 'GET', `/api/v1/red-packets/${sent.body.id}`, undefined, null)).status).toBe(404)
  })

  it('refuses bad packets with a clear 4xx, moving nothing', async () => {
    const { sender, conversationId } = await group(2)
    const poor = await verifiedUserWithPin(app())
    const unverified = await registerUser(app())
    const cases: Array<[TestUser, object, number, string, string?]> = [
      [sender, { type: 'lucky', total: 20_001, count: 2 }, 400, 'VALIDATION_FAILED', 'total'],
      [sender, { type: 'lucky', total: 200, count: 101 }, 400, 'VALIDATION_FAILED', 'count'],
      [sender, { type: 'lucky', total: 2, count: 3 }, 400, 'VALIDATION_FAILED', 'total'],
      [sender, { type: 'equal', total: 100, count: 3 }, 400, 'VALIDATION_FAILED', 'total'],
      [sender, { type: 'lucky', total: 0, count: 1 }, 400, 'VALIDATION_FAILED', 'total'],
      [sender, { type: 'many', total: 100, count: 1 }, 400, 'VALIDATION_FAILED', 'type'],
      [sender, { type: 'lucky', total: 100, count: 1, pin: '000000' }, 403, 'PIN_INCORRECT'],
      [poor, { type: 'lucky', total: 100, count: 1 }, 404, 'NOT_FOUND'],
      [unverified, { type: 'lucky', total: 100, count: 1 }, 404, 'NOT_FOUND'],
    ]
    for (const [user, body, status, code, field] of cases) {
      const res = await send(user, conversationId, body)
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code])
      if (field) expect(res.body.error.field).toBe(field)
    }
    const noKey = await as(
      sender,
      'POST',
      `/api/v1/conversations/${conversationId}/red-packets`,
      { type: 'lucky', total: 100, count: 1, pin: PIN },
      null,
    )
    expect([noKey.status, noKey.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED'])
    expect((await walletOf(app(), sender)).balance).toBe(100_000)

    // A member without the real name or the money.
    await befriend(app(), sender, poor)
    await befriend(app(), sender, unverified)
    const small = await groupConversation(app(), sender, [poor, unverified])
    expect((await send(poor, small, { type: 'lucky', total: 100, count: 1 })).body.error.code).toBe(
      'INSUFFICIENT_FUNDS',
    )
    expect((await send(unverified, small, { type: 'lucky', total: 100, count: 1 })).body.error.code).toBe(
      'REAL_NAME_REQUIRED',
    )
    await expectBooksBalanced(app())
  })
})
