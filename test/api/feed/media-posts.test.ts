import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'
import { upload } from '../media/multipart.js'

describe('posts with images', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const as = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(testApp.app, method, url, { token: user.token, body })
  const image = (r: number) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 120, b: 200 } } })
      .png()
      .toBuffer()

  it('attaches up to nine of the author’s own images, in order, and shows them to whoever may see the post', async () => {
    const author = await registerUser(testApp.app)
    const friend = await registerUser(testApp.app)
    const stranger = await registerUser(testApp.app)
    await befriend(testApp.app, author, friend)
    const ids: string[] = []
    for (const r of [10, 90, 200]) ids.push((await upload(testApp.app, author.token, await image(r))).body.id as string)

    const fetch = (user: TestUser, id: string) =>
      testApp.app.inject({
        method: 'GET',
        url: `/api/v1/media/${id}/thumbnail`,
        headers: { authorization: `Bearer ${user.token}` },
      })
    expect((await fetch(author, ids[0]!)).statusCode).toBe(200)
    expect((await fetch(friend, ids[0]!)).statusCode).toBe(404)

    const post = await as(author, 'POST', '/api/v1/posts', {
      text: '三张图',
      mediaIds: ids,
      visibility: { type: 'friends' },
    })
    expect(post.status).toBe(201)
    expect(post.body.media.map((m: { id: string }) => m.id)).toEqual(ids)
    expect(post.body.media[0]).toMatchObject({ width: 64, height: 48, url: `/api/v1/media/${ids[0]}` })
    expect((await fetch(friend, ids[0]!)).statusCode).toBe(200)
    expect((await fetch(stranger, ids[0]!)).statusCode).toBe(404)
    const seen = (await as(friend, 'GET', `/api/v1/posts/${post.body.id}`)).body.media
    expect(seen).toHaveLength(3)
  })

  it('refuses someone else’s or unknown media ids', async () => {
    const author = await registerUser(testApp.app)
    const other = await registerUser(testApp.app)
    const theirs = (await upload(testApp.app, other.token, await image(5))).body.id as string
    for (const mediaIds of [[theirs], ['no-such-image']]) {
      const res = await as(author, 'POST', '/api/v1/posts', { text: 'x', mediaIds, visibility: { type: 'friends' } })
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'mediaIds' })
    }
  })

  it('accepts a post of images without text', async () => {
    const author = await registerUser(testApp.app)
    const id = (await upload(testApp.app, author.token, await image(42))).body.id as string
    const res = await as(author, 'POST', '/api/v1/posts', { mediaIds: [id], visibility: { type: 'private' } })
    expect(res.status).toBe(201)
    expect(res.body.text).toBe('')
  })
})
