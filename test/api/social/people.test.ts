import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { verifiedUserWithPin } from '../../helpers/wallet.js'

describe('GET /users/:id: a person as the server knows them', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const get = (user: TestUser | undefined, url: string) => call(app(), 'GET', url, { token: user?.token })

  it('shows display name, masked real name and avatar, and nothing private', async () => {
    const viewer = await registerUser(app(), '看的人')
    const verified = await verifiedUserWithPin(app(), '阿杰')
    const seen = await get(viewer, `/api/v1/users/${verified.id}`)
    expect(seen.status).toBe(200)
    expect(seen.body).toEqual({ id: verified.id, displayName: '阿杰', maskedName: '*小明', avatarUrl: null })

    const unverified = await registerUser(app(), '小红')
    expect((await get(viewer, `/api/v1/users/${unverified.id}`)).body).toEqual({
      id: unverified.id,
      displayName: '小红',
      maskedName: null,
      avatarUrl: null,
    })
  })

  it('answers 404 for an unknown id and for someone who blocked the caller, but not for someone the caller blocked', async () => {
    const viewer = await registerUser(app())
    const blocker = await registerUser(app())
    const unknown = await get(viewer, '/api/v1/users/01HZZZZZZZZZZZZZZZZZZZZZZZ')
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND'])

    await call(app(), 'POST', '/api/v1/blocks', { token: blocker.token, body: { userId: viewer.id } })
    const hidden = await get(viewer, `/api/v1/users/${blocker.id}`)
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'NOT_FOUND'])
    // The blocker still sees whom they blocked, as on their block list.
    expect((await get(blocker, `/api/v1/users/${viewer.id}`)).status).toBe(200)
  })

  it('requires a login and a well-formed id', async () => {
    const viewer = await registerUser(app())
    expect((await get(undefined, `/api/v1/users/${viewer.id}`)).status).toBe(401)
    expect((await get(viewer, `/api/v1/users/${'x'.repeat(65)}`)).status).toBe(400)
  })
})
