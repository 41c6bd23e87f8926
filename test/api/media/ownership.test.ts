import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/server/errors.js'
import { createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { upload } from './multipart.js'

const tinyPng = (width: number) =>
  sharp({ create: { width, height: 10, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer()

describe('media for posts: ownedViews and views', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const media = () => app().ctx.media

  it('gives the owner views in the order asked', async () => {
    const alice = await registerUser(app())
    const first = (await upload(app(), alice.token, await tinyPng(11))).body
    const second = (await upload(app(), alice.token, await tinyPng(12))).body
    expect(await media().ownedViews(alice.id, [second.id, first.id])).toEqual([second, first])
    expect(await media().ownedViews(alice.id, [])).toEqual([])
  })

  it("refuses someone else's id and an unknown id alike, naming mediaIds", async () => {
    const alice = await registerUser(app())
    const bob = await registerUser(app())
    const mine = (await upload(app(), alice.token, await tinyPng(13))).body
    const theirs = (await upload(app(), bob.token, await tinyPng(14))).body
    for (const ids of [
      [mine.id, theirs.id],
      [mine.id, '01HZZZZZZZZZZZZZZZZZZZZZZZ'],
    ]) {
      const refusal = await media()
        .ownedViews(alice.id, ids)
        .catch((error: unknown) => error)
      expect(refusal).toBeInstanceOf(ValidationError)
      expect((refusal as ValidationError).details).toEqual({ field: 'mediaIds' })
    }
  })

  it('hydrates views by id in one call, leaving unknown ids out', async () => {
    const alice = await registerUser(app())
    const bob = await registerUser(app())
    const a = (await upload(app(), alice.token, await tinyPng(15))).body
    const b = (await upload(app(), bob.token, await tinyPng(16))).body
    const views = await media().views([a.id, b.id, 'unknown'])
    expect([...views.keys()].sort()).toEqual([a.id, b.id].sort())
    expect(views.get(b.id)).toEqual(b)
    expect((await media().views([])).size).toBe(0)
  })
})

describe('upload throttle', () => {
  let testApp: TestApp
  let now = Date.parse('2025-03-01T08:00:00Z')
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())

  it('allows 60 uploads an hour per user, then answers 429 with Retry-After until the hour is over', async () => {
    const app = testApp.app
    const alice = await registerUser(app)
    const bob = await registerUser(app)
    const png = await tinyPng(10)
    for (let i = 0; i < 60; i += 1) expect((await upload(app, alice.token, png)).status).toBe(201)

    const limited = await upload(app, alice.token, png)
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await upload(app, bob.token, png)).status).toBe(201)

    now += 3600_000 + 1
    expect((await upload(app, alice.token, png)).status).toBe(201)
  })
})
