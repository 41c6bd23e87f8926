import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MessageWriter, type NewMessage } from '../../../src/server/chat/writer.js'
import { NotFoundError } from '../../../src/server/errors.js'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { groupConversation, say } from '../../helpers/chat.js'
import { befriend } from '../../helpers/social.js'

describe('messages committed many to a transaction', () => {
  let now = Date.parse('2026-10-02T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now++ })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  async function group(size: number) {
    const owner = await registerUser(app(), '群主')
    const members: TestUser[] = []
    for (let i = 0; i < size; i++) {
      const member = await registerUser(app(), `成员${i}`)
      await befriend(app(), owner, member)
      members.push(member)
    }
    const id = await groupConversation(app(), owner, members)
    return { owner, members, id }
  }

  const history = async (user: TestUser, id: string) =>
    (await call(app(), 'GET', `/api/v1/conversations/${id}/messages?afterSeq=0&limit=100`, { token: user.token })).body
      .items as Array<{ seq: number; text: string }>

  it('gives many concurrent sends to one conversation the numbers 1…n, each answered and stored once', async () => {
    const { owner, members, id } = await group(4)
    const senders = [owner, ...members]
    const sent = await Promise.all(
      Array.from({ length: 60 }, (_, i) => say(app(), senders[i % senders.length]!, id, { text: `消息 ${i}` })),
    )
    expect(sent.map((r) => r.status)).toEqual(sent.map(() => 201))
    const numbers = sent.map((r) => r.body.seq as number).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    const stored = await history(members[0]!, id)
    expect(stored.map((m) => m.seq)).toEqual(numbers)
    expect(new Set(stored.map((m) => m.text)).size).toBe(60)
    const mine = await call(app(), 'GET', `/api/v1/conversations/${id}`, { token: owner.token })
    expect(mine.body).toMatchObject({
      lastSeq: 60,
      lastReadSeq: Math.max(...sent.filter((_, i) => i % 5 === 0).map((r) => r.body.seq)),
    })
  })

  it('refuses a sender removed from the group meanwhile, and a message that cannot be stored, alone', async () => {
    const { owner, members, id } = await group(2)
    const [stays, leaves] = members as [TestUser, TestUser]
    const groupId = (await call(app(), 'GET', `/api/v1/conversations/${id}`, { token: owner.token })).body.groupId
    expect(
      (await call(app(), 'DELETE', `/api/v1/groups/${groupId}/members/${leaves.id}`, { token: owner.token })).status,
    ).toBe(204)

    // Submitted in one turn of the event loop, so they share a batch: the removed sender's request had passed
    // its membership check before the removal (its member list is stale), and one names an image that does not exist.
    const writer = new MessageWriter(app().ctx.database)
    const message = (senderId: string, text: string, mediaId: string | null = null): NewMessage => ({
      row: {
        id: `01TESTGROUPCOMMIT${text.padStart(9, '0')}`,
        conversation_id: id,
        sender_id: senderId,
        kind: 'text',
        text,
        media_id: mediaId,
        burn_seconds: null,
        burn_expires_at: null,
        burned_at: null,
        ref_id: null,
        amount: null,
        created_at: now,
      },
      group: true,
      memberIds: [owner.id, stays.id, leaves.id],
      secret: null,
    })
    const results = await Promise.allSettled([
      writer.submit(message(owner.id, '1')),
      writer.submit(message(leaves.id, '2')),
      writer.submit(message(stays.id, '3', 'no-such-image')),
      writer.submit(message(stays.id, '4')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    const [first, removed, , last] = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined))
    expect(removed).toEqual({ error: expect.any(NotFoundError) })
    expect(first).toMatchObject({ row: { seq: 1, text: '1' }, memberIds: [owner.id, stays.id] })
    expect(last).toMatchObject({ row: { seq: 2, text: '4' } })
    expect((await history(stays, id)).map((m) => [m.seq, m.text])).toEqual([
      [1, '1'],
      [2, '4'],
    ])
    expect((await say(app(), stays, id, { text: '5' })).body.seq).toBe(3)
  })
})
