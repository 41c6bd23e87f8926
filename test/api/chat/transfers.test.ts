import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, groupConversation } from '../../helpers/chat.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('transfers in a chat (轉賬)', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const transfer = (user: TestUser, conversationId: string, body: object, key = idem()) =>
    call(app(), 'POST', `/api/v1/conversations/${conversationId}/transfers`, {
      token: user.token,
      body: { pin: PIN, ...body },
      headers: { 'idempotency-key': key },
    })

  it('pays the other person and posts the transfer card with the money, once', async () => {
    const a = await verifiedUserWithPin(app(), '小明')
    const b = await verifiedUserWithPin(app(), '小红')
    await befriend(app(), a, b)
    await topUp(app(), a, 10_000)
    const id = await directConversation(app(), a, b)
    const key = idem()
    const sent = await transfer(a, id, { amount: 3_650, note: '火锅 AA' }, key)
    expect(sent.status).toBe(201)
    expect(sent.body.transaction).toMatchObject({ category: 'transfer', amount: -3_650, counterparty: { id: b.id } })
    expect(sent.body.message).toMatchObject({
      kind: 'transfer',
      card: { type: 'transfer', id: sent.body.transaction.id, text: '火锅 AA', amount: 3_650 },
    })
    expect(await transfer(a, id, { amount: 3_650, note: '火锅 AA' }, key)).toMatchObject({
      status: 201,
      body: sent.body,
    })
    expect((await walletOf(app(), b)).balance).toBe(3_650)
    const seen = await call(app(), 'GET', `/api/v1/conversations/${id}/messages`, { token: b.token })
    expect(seen.body.items.map((m: { kind: string }) => m.kind)).toEqual(['transfer'])

    const poor = await transfer(b, id, { amount: 5_000 })
    expect([poor.status, poor.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    const wrongPin = await transfer(b, id, { amount: 1, pin: '000000' })
    expect([wrongPin.status, wrongPin.body.error.code]).toEqual([403, 'PIN_INCORRECT'])
    // Nothing refused leaves a card behind.
    const after = await call(app(), 'GET', `/api/v1/conversations/${id}/messages`, { token: b.token })
    expect(after.body.items).toHaveLength(1)
    await expectBooksBalanced(app())
  })

  it('is for direct chats, between people who may still pay each other', async () => {
    const a = await verifiedUserWithPin(app())
    const b = await verifiedUserWithPin(app())
    await befriend(app(), a, b)
    await topUp(app(), a, 10_000)
    const group = await groupConversation(app(), a, [b])
    const inGroup = await transfer(a, group, { amount: 100 })
    expect([inGroup.status, inGroup.body.error.field]).toEqual([400, 'conversationId'])
    const id = await directConversation(app(), a, b)
    await call(app(), 'POST', '/api/v1/blocks', { token: b.token, body: { userId: a.id } })
    expect((await transfer(a, id, { amount: 100 })).status).toBe(403)
    expect((await walletOf(app(), a)).balance).toBe(10_000)
  })
})
