import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'

describe('groups (建群)', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })

  async function circle() {
    const owner = await registerUser(app(), '群主')
    const friends = [await registerUser(app(), '甲'), await registerUser(app(), '乙'), await registerUser(app(), '丙')]
    for (const friend of friends) await befriend(testApp.app, owner, friend)
    return { owner, friends }
  }

  it('creates a group from friends with its own conversation id', async () => {
    const { owner, friends } = await circle()
    const res = await as(owner, 'POST', '/api/v1/groups', {
      name: ' 周末羽毛球 ',
      memberIds: [friends[0]!.id, friends[1]!.id],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: '周末羽毛球', ownerId: owner.id, conversationId: expect.any(String) })
    expect(res.body.members.map((m: { id: string }) => m.id)).toEqual([owner.id, friends[0]!.id, friends[1]!.id])
    expect((await as(friends[0]!, 'GET', `/api/v1/groups/${res.body.id}`)).body.id).toBe(res.body.id)
    expect((await as(friends[1]!, 'GET', '/api/v1/groups')).body.items.map((g: { id: string }) => g.id)).toEqual([
      res.body.id,
    ])
  })

  it('refuses members who are not friends, and hides a group from outsiders', async () => {
    const { owner, friends } = await circle()
    const stranger = await registerUser(app())
    const res = await as(owner, 'POST', '/api/v1/groups', { name: 'x', memberIds: [friends[0]!.id, stranger.id] })
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([
      400,
      'MEMBERS_MUST_BE_FRIENDS',
      'memberIds',
    ])
    const group = (await as(owner, 'POST', '/api/v1/groups', { name: 'y', memberIds: [friends[0]!.id] })).body
    expect((await as(stranger, 'GET', `/api/v1/groups/${group.id}`)).status).toBe(404)
    expect((await as(friends[2]!, 'GET', `/api/v1/groups/${group.id}`)).status).toBe(404)
  })

  it.each([
    [{ name: '', memberIds: ['a'] }, 'name'],
    [{ name: 'x'.repeat(31), memberIds: ['a'] }, 'name'],
    [{ name: 'ok', memberIds: [] }, 'memberIds'],
    [{ name: 'ok', memberIds: ['a', 'a'] }, 'memberIds'],
    [{ name: 'ok' }, 'memberIds'],
  ])('refuses %j naming %s', async (body, field) => {
    const user = await registerUser(app())
    const res = await as(user, 'POST', '/api/v1/groups', body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('lets members add their own friends; only the owner renames or removes others; anyone may leave', async () => {
    const { owner, friends } = await circle()
    const [a, b, c] = friends as [TestUser, TestUser, TestUser]
    const group = (await as(owner, 'POST', '/api/v1/groups', { name: '家人', memberIds: [a.id] })).body
    const aFriend = await registerUser(app())
    await befriend(testApp.app, a, aFriend)
    const added = await as(a, 'POST', `/api/v1/groups/${group.id}/members`, { userIds: [aFriend.id] })
    expect(added.body.members.map((m: { id: string }) => m.id)).toContain(aFriend.id)
    expect((await as(a, 'POST', `/api/v1/groups/${group.id}/members`, { userIds: [b.id] })).body.error.code).toBe(
      'MEMBERS_MUST_BE_FRIENDS',
    )

    expect((await as(a, 'PATCH', `/api/v1/groups/${group.id}`, { name: '新名' })).status).toBe(403)
    expect((await as(owner, 'PATCH', `/api/v1/groups/${group.id}`, { name: '相亲相爱一家人' })).body.name).toBe(
      '相亲相爱一家人',
    )
    expect((await as(a, 'DELETE', `/api/v1/groups/${group.id}/members/${aFriend.id}`)).status).toBe(403)
    expect((await as(owner, 'DELETE', `/api/v1/groups/${group.id}/members/${aFriend.id}`)).status).toBe(204)
    expect((await as(owner, 'DELETE', `/api/v1/groups/${group.id}/members/${c.id}`)).status).toBe(404)
    expect((await as(a, 'DELETE', `/api/v1/groups/${group.id}/members/${a.id}`)).status).toBe(204)
    expect((await as(a, 'GET', `/api/v1/groups/${group.id}`)).status).toBe(404)
  })

  it('hands the group to the next member when the owner leaves', async () => {
    const { owner, friends } = await circle()
    const group = (
      await as(owner, 'POST', '/api/v1/groups', { name: '接力', memberIds: [friends[0]!.id, friends[1]!.id] })
    ).body
    expect((await as(owner, 'DELETE', `/api/v1/groups/${group.id}/members/${owner.id}`)).status).toBe(204)
    expect((await as(friends[0]!, 'GET', `/api/v1/groups/${group.id}`)).body.ownerId).toBe(friends[0]!.id)
  })
})
