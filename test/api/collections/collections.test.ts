import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { circle, collect, payCollection } from '../../helpers/collections.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('group collections (群收款)', () => {
  let now = Date.parse('2026-11-02T04:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const get = (user: TestUser, url: string) => call(app(), 'GET', `/api/v1${url}`, { token: user.token })
  const post = (user: TestUser, url: string, body?: unknown) =>
    call(app(), 'POST', `/api/v1${url}`, { token: user.token, body })

  it('posts a card into the group, takes each share from member to collector, and shows who paid', async () => {
    const { collector, members, groupId, conversationId } = await circle(app(), 3)
    const made = await collect(app(), collector, groupId, {
      title: '周五火锅',
      amountPerMember: 8_800,
      memberIds: members.map((m) => m.id),
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ status: 'open', total: 26_400, memberCount: 3, paidCount: 0, mine: null })
    const chat = await get(members[0]!, `/conversations/${conversationId}/messages`)
    expect(chat.body.items[0]).toMatchObject({
      kind: 'collection',
      card: { type: 'collection', id: made.body.id, text: '周五火锅', amount: 8_800 },
    })

    const paid = await payCollection(app(), members[0]!, made.body.id)
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ status: 'paid', amount: 8_800, currency: 'CNY', collectionStatus: 'open' })
    const again = await payCollection(app(), members[0]!, made.body.id)
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_PAID'])

    const seen = (await get(collector, `/collections/${made.body.id}`)).body
    expect(seen).toMatchObject({ paidCount: 1, paidAmount: 8_800, status: 'open' })
    expect(seen.members.map((m: { user: { id: string }; paid: boolean }) => [m.user.id, m.paid])).toEqual([
      [members[0]!.id, true],
      [members[1]!.id, false],
      [members[2]!.id, false],
    ])
    expect((await get(members[1]!, `/collections/${made.body.id}`)).body.mine).toEqual({
      amount: 8_800,
      paid: false,
      remindersMuted: false,
    })

    await payCollection(app(), members[1]!, made.body.id)
    const last = await payCollection(app(), members[2]!, made.body.id)
    expect(last.body.collectionStatus).toBe('completed')
    expect((await walletOf(app(), collector)).balance).toBe(26_400)
    expect((await walletOf(app(), members[2]!)).balance).toBe(10_000 - 8_800)
    const history = (await get(members[2]!, '/wallet/transactions')).body.items
    expect(history.find((t: { category: string }) => t.category === 'collection')).toMatchObject({
      amount: -8_800,
      note: '周五火锅',
    })
    await expectBooksBalanced(app())
  })

  it('splits a total evenly, the remainder fen going to the first members as listed', async () => {
    const { collector, members, groupId } = await circle(app(), 3)
    const order = [members[2]!, members[0]!, members[1]!]
    const made = await collect(app(), collector, groupId, {
      title: 'KTV',
      totalAmount: 10_001 + 1,
      memberIds: order.map((m) => m.id),
    })
    expect(made.body.total).toBe(10_002)
    expect(made.body.members.map((m: { user: { id: string }; amount: number }) => [m.user.id, m.amount])).toEqual([
      [members[2]!.id, 3_334],
      [members[0]!.id, 3_334],
      [members[1]!.id, 3_334],
    ])
    const uneven = await collect(app(), collector, groupId, {
      title: '打车',
      totalAmount: 100,
      memberIds: order.map((m) => m.id),
    })
    expect(uneven.body.members.map((m: { amount: number }) => m.amount)).toEqual([34, 33, 33])
    expect(
      (await get(collector, `/conversations/${uneven.body.conversationId}/messages`)).body.items[0].card.amount,
    ).toBeNull()
  })

  it('is seen only by the collector and the members asked; others get 404', async () => {
    const { collector, members, groupId } = await circle(app(), 3)
    const made = await collect(app(), collector, groupId, {
      title: '奶茶',
      amountPerMember: 1_500,
      memberIds: [members[0]!.id],
    })
    const outsider = await verifiedUserWithPin(app())
    for (const user of [members[1]!, outsider]) {
      expect((await get(user, `/collections/${made.body.id}`)).status).toBe(404)
      expect((await payCollection(app(), user, made.body.id)).status).toBe(404)
      expect((await post(user, `/collections/${made.body.id}/close`)).status).toBe(404)
    }
    expect(
      (await collect(app(), outsider, groupId, { title: 'x', amountPerMember: 1, memberIds: [members[0]!.id] })).status,
    ).toBe(404)
    const mine = (await get(members[0]!, '/collections?role=member')).body.items.map((c: { id: string }) => c.id)
    expect(mine).toContain(made.body.id)
    expect((await get(members[1]!, '/collections')).body.items.map((c: { id: string }) => c.id)).not.toContain(
      made.body.id,
    )
    expect((await get(collector, '/collections?role=collector')).body.items[0].id).toBe(made.body.id)
  })

  it('lets the collector close it; later payments are refused with COLLECTION_CLOSED and what was paid stays paid', async () => {
    const { collector, members, groupId } = await circle(app(), 2)
    const made = await collect(app(), collector, groupId, {
      title: '门票',
      amountPerMember: 5_000,
      memberIds: members.map((m) => m.id),
    })
    await payCollection(app(), members[0]!, made.body.id)
    const byMember = await post(members[1]!, `/collections/${made.body.id}/close`)
    expect([byMember.status, byMember.body.error.code]).toEqual([403, 'FORBIDDEN'])
    const closed = await post(collector, `/collections/${made.body.id}/close`)
    expect(closed.body).toMatchObject({ status: 'closed', paidCount: 1, paidAmount: 5_000 })
    expect(closed.body.closedAt).not.toBeNull()
    const late = await payCollection(app(), members[1]!, made.body.id)
    expect([late.status, late.body.error.code, late.body.error.status]).toEqual([409, 'COLLECTION_CLOSED', 'closed'])
    const twice = await post(collector, `/collections/${made.body.id}/close`)
    expect([twice.status, twice.body.error.code]).toEqual([409, 'COLLECTION_CLOSED'])
    expect((await walletOf(app(), members[1]!)).balance).toBe(10_000)
    expect((await walletOf(app(), collector)).balance).toBe(5_000)
    await expectBooksBalanced(app())
  })

  it('pays every member at once, and a close racing the payments takes nothing that was not paid', async () => {
    const { collector, members, groupId } = await circle(app(), 12)
    const ids = members.map((m) => m.id)
    const all = await collect(app(), collector, groupId, { title: '包车', totalAmount: 12_345, memberIds: ids })
    const storm = await Promise.all(
      members.flatMap((m) => [payCollection(app(), m, all.body.id), payCollection(app(), m, all.body.id)]),
    )
    expect(storm.filter((r) => r.status === 200)).toHaveLength(12)
    expect(new Set(storm.filter((r) => r.status !== 200).map((r) => r.body.error.code))).toEqual(
      new Set(['ALREADY_PAID']),
    )
    const done = (await get(collector, `/collections/${all.body.id}`)).body
    expect(done).toMatchObject({ status: 'completed', paidCount: 12, paidAmount: 12_345 })

    const raced = await collect(app(), collector, groupId, { title: '团建', amountPerMember: 100, memberIds: ids })
    const [closing, ...pays] = await Promise.all([
      post(collector, `/collections/${raced.body.id}/close`),
      ...members.map((m) => payCollection(app(), m, raced.body.id)),
    ])
    expect(closing.status).toBe(200)
    const accepted = pays.filter((r) => r.status === 200).length
    for (const r of pays.filter((p) => p.status !== 200)) expect(r.body.error.code).toBe('COLLECTION_CLOSED')
    const after = (await get(collector, `/collections/${raced.body.id}`)).body
    expect(after).toMatchObject({ status: 'closed', paidCount: accepted, paidAmount: accepted * 100 })
    expect((await walletOf(app(), collector)).balance).toBe(12_345 + accepted * 100)
    await expectBooksBalanced(app())
  })

  it('reminds each unpaid member once after 24 hours, unless they paid or switched reminders off', async () => {
    const { collector, members, groupId } = await circle(app(), 3)
    const made = await collect(app(), collector, groupId, {
      title: '房租',
      amountPerMember: 300,
      memberIds: members.map((m) => m.id),
    })
    await payCollection(app(), members[0]!, made.body.id)
    const muted = await post(members[1]!, `/collections/${made.body.id}/reminders/mute`)
    expect(muted.body).toEqual({ remindersMuted: true })
    expect((await post(collector, `/collections/${made.body.id}/reminders/mute`)).status).toBe(403)
    const push = vi.spyOn(app().ctx.push, 'toUsers')
    now += 24 * 3600_000 - 1
    await app().ctx.collections.remind()
    expect(push.mock.calls.filter(([, f]) => f.type === 'collection.reminder')).toHaveLength(0)
    now += 1
    // Earlier tests' unpaid members are due too; this collection's are counted here.
    await app().ctx.collections.remind()
    const reminders = push.mock.calls.filter(
      ([, f]) => f.type === 'collection.reminder' && (f.data as { collectionId: string }).collectionId === made.body.id,
    )
    expect(reminders.map(([users]) => [...users])).toEqual([[members[2]!.id]])
    expect(reminders[0]![1].data).toMatchObject({ kind: 'collection_unpaid', title: '房租', amount: 300 })
    expect(await app().ctx.collections.remind()).toBe(0)
    push.mockRestore()
  })

  it('refuses bad requests with a clear code, moving nothing', async () => {
    const { collector, members, groupId } = await circle(app(), 2)
    const ids = members.map((m) => m.id)
    const cases: Array<[object, number, string, string?]> = [
      [{ title: 'a', memberIds: ids }, 400, 'VALIDATION_FAILED', 'amountPerMember'],
      [{ title: 'a', amountPerMember: 1, totalAmount: 2, memberIds: ids }, 400, 'VALIDATION_FAILED', 'totalAmount'],
      [{ title: 'a', totalAmount: 1, memberIds: ids }, 400, 'VALIDATION_FAILED', 'totalAmount'],
      [{ title: 'a', amountPerMember: 0, memberIds: ids }, 400, 'VALIDATION_FAILED', 'amountPerMember'],
      [{ title: 'a', amountPerMember: 1, memberIds: [] }, 400, 'VALIDATION_FAILED', 'memberIds'],
      [{ title: '', amountPerMember: 1, memberIds: ids }, 400, 'VALIDATION_FAILED', 'title'],
      [{ title: 'a', amountPerMember: 1, memberIds: [collector.id] }, 400, 'CANNOT_COLLECT_FROM_YOURSELF'],
    ]
    const stranger = await verifiedUserWithPin(app())
    cases.push([{ title: 'a', amountPerMember: 1, memberIds: [stranger.id] }, 400, 'MEMBERS_NOT_IN_GROUP'])
    for (const [body, status, code, field] of cases) {
      const res = await collect(app(), collector, groupId, body)
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([status, code, field])
    }

    // An unverified collector cannot receive; an unverified member cannot pay.
    const unverified = await registerUser(app())
    await befriend(app(), collector, unverified)
    await post(collector, `/groups/${groupId}/members`, { userIds: [unverified.id] })
    const byUnverified = await collect(app(), unverified, groupId, { title: 'a', amountPerMember: 1, memberIds: ids })
    expect([byUnverified.status, byUnverified.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    const poorOne = await verifiedUserWithPin(app())
    await befriend(app(), collector, poorOne)
    await post(collector, `/groups/${groupId}/members`, { userIds: [poorOne.id] })
    const made = await collect(app(), collector, groupId, {
      title: '聚会',
      amountPerMember: 500,
      memberIds: [...ids, unverified.id, poorOne.id],
    })
    const notVerified = await payCollection(app(), unverified, made.body.id)
    expect([notVerified.status, notVerified.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    const wrongPin = await payCollection(app(), members[0]!, made.body.id, { pin: '000000' })
    expect([wrongPin.status, wrongPin.body.error.code]).toEqual([403, 'PIN_INCORRECT'])
    const noKey = await payCollection(app(), members[0]!, made.body.id, { key: null })
    expect([noKey.status, noKey.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED'])
    const byCollector = await payCollection(app(), collector, made.body.id)
    expect([byCollector.status, byCollector.body.error.code]).toEqual([403, 'FORBIDDEN'])

    // A refusal is the first answer for its key, even after the member tops up.
    const key = idem()
    const poor = await payCollection(app(), poorOne, made.body.id, { key })
    expect([poor.status, poor.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    expect((await payCollection(app(), poorOne, made.body.id, { key })).body.error.code).toBe('INSUFFICIENT_FUNDS')
    const reused = await call(app(), 'POST', `/api/v1/collections/${made.body.id}/pay`, {
      token: poorOne.token,
      body: { pin: '111111' },
      headers: { 'idempotency-key': key },
    })
    expect([reused.status, reused.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED'])

    const paidKey = idem()
    const first = await payCollection(app(), members[0]!, made.body.id, { key: paidKey })
    expect(await payCollection(app(), members[0]!, made.body.id, { key: paidKey })).toMatchObject({
      status: 200,
      body: first.body,
    })
    expect((await walletOf(app(), members[0]!)).balance).toBe(10_000 - 500)
    expect(PIN).toHaveLength(6)
    await expectBooksBalanced(app())
  })
})
