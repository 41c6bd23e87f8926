import crypto from 'node:crypto'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { storedFiles, upload } from './multipart.js'

const GPS = {
  IFD0: { Make: 'PhoneCam', Model: 'X1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 50/1' },
}

function solid(width: number, height: number, channels: 3 | 4 = 3) {
  const background = channels === 4 ? { r: 20, g: 120, b: 200, alpha: 0.5 } : { r: 200, g: 40, b: 40 }
  return sharp({ create: { width, height, channels, background } })
}

async function animatedGif(): Promise<Buffer> {
  const colors = ['#ff0000', '#00ff00', '#0000ff']
  const frames = await Promise.all(
    colors.map((background) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background } })
        .raw()
        .toBuffer(),
    ),
  )
  return sharp(Buffer.concat(frames), { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } })
    .gif({ delay: [100, 200, 300], loop: 0 })
    .toBuffer()
}

describe('POST /media', () => {
  let testApp: TestApp
  let alice: TestUser
  beforeAll(async () => {
    testApp = await createTestApp()
    alice = await registerUser(testApp.app, '阿丽')
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const filesOf = (id: string) =>
    storedFiles(testApp.config.dataDir).filter((file) => path.basename(file).startsWith(id))
  const mediaRows = () => app().ctx.database.db.selectFrom('media').selectAll().execute()

  it('strips EXIF and GPS from every stored file, applies the orientation, and answers a MediaView', async () => {
    const photo = await solid(400, 200).jpeg().withMetadata({ orientation: 6 }).withExif(GPS).toBuffer()
    const original = await sharp(photo).metadata()
    expect(original.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true) // the GPS IFD pointer (tag 0x8825)
    expect(original.orientation).toBe(6)

    const res = await upload(app(), alice.token, photo, { filename: 'IMG_0001.jpg' })
    expect(res.status).toBe(201)
    const { id } = res.body
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      url: `/api/v1/media/${id}`,
      thumbnailUrl: `/api/v1/media/${id}/thumbnail`,
      width: 200,
      height: 400,
    })

    const files = filesOf(id)
    expect(files.map((file) => path.basename(file)).sort()).toEqual([`${id}-display.jpg`, `${id}-thumb.webp`])
    for (const file of files) {
      const stored = await sharp(file).metadata()
      expect(stored.exif).toBeUndefined()
      expect(stored.xmp).toBeUndefined()
      expect(stored.orientation).toBeUndefined()
    }
    const display = await sharp(files.find((file) => file.endsWith('.jpg'))).metadata()
    expect([display.format, display.width, display.height]).toEqual(['jpeg', 200, 400])
  })

  it('downscales a large photo to 1920 on its longest side and makes a 360×360 thumbnail', async () => {
    const res = await upload(app(), alice.token, await solid(3000, 2000).jpeg().toBuffer())
    expect(res.status).toBe(201)
    expect([res.body.width, res.body.height]).toEqual([1920, 1280])
    const thumb = await app().inject({ method: 'GET', url: res.body.thumbnailUrl, headers: auth(alice) })
    const meta = await sharp(thumb.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 360, 360])
  })

  it('never upscales a small image', async () => {
    const res = await upload(app(), alice.token, await solid(120, 80).jpeg().toBuffer())
    expect([res.status, res.body.width, res.body.height]).toEqual([201, 120, 80])
  })

  it('keeps a transparent PNG a PNG with its alpha channel', async () => {
    const res = await upload(app(), alice.token, await solid(300, 200, 4).png().toBuffer(), {
      filename: 'logo.png',
      contentType: 'image/png',
    })
    expect(res.status).toBe(201)
    const served = await app().inject({ method: 'GET', url: res.body.url, headers: auth(alice) })
    expect(served.headers['content-type']).toBe('image/png')
    const meta = await sharp(served.rawPayload).metadata()
    expect([meta.format, meta.hasAlpha]).toEqual(['png', true])
  })

  it('accepts WebP, and keeps a GIF animated with a still WebP thumbnail', async () => {
    const webp = await upload(app(), alice.token, await solid(500, 500).webp().toBuffer(), {
      contentType: 'image/webp',
    })
    expect([webp.status, webp.body.width]).toEqual([201, 500])

    const gif = await upload(app(), alice.token, await animatedGif(), {
      filename: 'dance.gif',
      contentType: 'image/gif',
    })
    expect([gif.status, gif.body.width, gif.body.height]).toEqual([201, 40, 30])
    const served = await app().inject({ method: 'GET', url: gif.body.url, headers: auth(alice) })
    expect(served.headers['content-type']).toBe('image/gif')
    const meta = await sharp(served.rawPayload, { animated: true }).metadata()
    expect([meta.format, meta.pages, meta.pageHeight, meta.delay]).toEqual(['gif', 3, 30, [100, 200, 300]])
    const thumb = await app().inject({ method: 'GET', url: gif.body.thumbnailUrl, headers: auth(alice) })
    expect(thumb.headers['content-type']).toBe('image/webp')
  })

  it('decides the type from the bytes, never from the file name or declared type', async () => {
    const text = await upload(app(), alice.token, 'meow meow, definitely a cat', { filename: 'cat.jpg' })
    expect([text.status, text.body.error.code, text.body.error.field]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', 'file'])
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    expect((await upload(app(), alice.token, svg, { filename: 'x.png', contentType: 'image/png' })).status).toBe(415)
    const tiff = await solid(10, 10).tiff().toBuffer()
    expect((await upload(app(), alice.token, tiff, { filename: 'a.jpg' })).status).toBe(415)

    const png = await upload(app(), alice.token, await solid(10, 10).png().toBuffer(), {
      filename: 'sneaky.gif',
      contentType: 'image/gif',
    })
    expect(png.status).toBe(201)
    expect(filesOf(png.body.id).some((file) => file.endsWith('-display.png'))).toBe(true)
  })

  it('refuses bytes that start like an image but do not decode', async () => {
    const jpeg = await solid(200, 200).jpeg().toBuffer()
    const broken = Buffer.concat([jpeg.subarray(0, 4), crypto.randomBytes(2000)])
    const res = await upload(app(), alice.token, broken)
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'INVALID_IMAGE', 'file'])
  })

  it('refuses a decompression bomb by its pixel count', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer()
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const res = await upload(app(), alice.token, bomb, { contentType: 'image/png' })
    expect([res.status, res.body.error.code, res.body.error.maxMegapixels]).toEqual([
      400,
      'IMAGE_DIMENSIONS_TOO_LARGE',
      40,
    ])
  })

  it('answers 413 to an upload over 10 MiB and stores nothing', async () => {
    const before = (await mediaRows()).length
    const filesBefore = storedFiles(testApp.config.dataDir).length
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(11 * 1024 * 1024)])
    const res = await upload(app(), alice.token, huge)
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    expect((await mediaRows()).length).toBe(before)
    expect(storedFiles(testApp.config.dataDir).length).toBe(filesBefore)
  })

  it('accepts a file of exactly 10 MiB as far as size goes', async () => {
    const photo = await solid(64, 64).png().toBuffer()
    // PNG decoders stop at IEND: the padding after it makes the file 10 MiB without changing the image.
    const padded = Buffer.concat([photo, Buffer.alloc(10 * 1024 * 1024 - photo.length)])
    const res = await upload(app(), alice.token, padded, { contentType: 'image/png' })
    expect(res.status).toBe(201)
  })

  it('asks for the file part by name, and refuses a body that is not multipart', async () => {
    const none = await upload(app(), alice.token, [{ name: 'caption', data: 'hello' }])
    expect([none.status, none.body.error.code, none.body.error.field]).toEqual([400, 'VALIDATION_FAILED', 'file'])
    const otherName = await upload(app(), alice.token, [
      { name: 'photo', data: await solid(10, 10).png().toBuffer(), filename: 'a.png' },
    ])
    expect([otherName.status, otherName.body.error.field]).toEqual([400, 'file'])
    const json = await call(app(), 'POST', '/api/v1/media', { token: alice.token, body: { file: 'x' } })
    expect([json.status, json.body.error.field]).toEqual([400, 'file'])
  })

  it('needs a logged-in user to upload and to read', async () => {
    const res = await upload(app(), undefined, await solid(10, 10).png().toBuffer())
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED'])
    const mine = await upload(app(), alice.token, await solid(10, 10).png().toBuffer())
    expect((await call(app(), 'GET', mine.body.url)).status).toBe(401)
  })

  it('localises the refusal', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/media',
      headers: { 'accept-language': 'zh-CN', 'content-type': 'multipart/form-data; boundary=x', ...auth(alice) },
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nnot an image\r\n--x--\r\n',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json().error.message).toBe('仅支持上传 JPEG、PNG、WebP 和 GIF 图片。')
  })
})

describe('GET /media/:id', () => {
  let testApp: TestApp
  let alice: TestUser
  beforeAll(async () => {
    testApp = await createTestApp()
    alice = await registerUser(testApp.app)
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  it('serves the stored bytes with their type, a year of private caching and nosniff', async () => {
    const uploaded = await upload(app(), alice.token, await solid(100, 50).jpeg().toBuffer())
    const bob = await registerUser(app())
    for (const url of [uploaded.body.url, uploaded.body.thumbnailUrl]) {
      // Until a post carries it, only the uploader may see an image (test/api/feed/media-posts.test.ts).
      expect((await app().inject({ method: 'GET', url, headers: auth(bob) })).statusCode).toBe(404)
      const res = await app().inject({ method: 'GET', url, headers: auth(alice) })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length)
    }
    const display = await app().inject({ method: 'GET', url: uploaded.body.url, headers: auth(alice) })
    expect(display.headers['content-type']).toBe('image/jpeg')
    const meta = await sharp(display.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 100, 50])
  })

  it('answers 404 in JSON for an unknown id', async () => {
    for (const url of [
      '/api/v1/media/01JUNKNOWNUNKNOWNUNKNOWN00',
      '/api/v1/media/nope/thumbnail',
      '/api/v1/media/..',
    ]) {
      const res = await call(app(), 'GET', url, { token: alice.token })
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
    }
  })
})

function auth(user: TestUser): Record<string, string> {
  return { authorization: `Bearer ${user.token}` }
}
