import net from 'node:net'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRAIN_MAX_BYTES, DRAIN_MAX_MS } from '../../src/server/http/drain.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
let url: string

beforeAll(async () => {
  t = await createTestApp()
  url = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => t.close())

const LOGIN = '/api/v1/auth/login'
/** A few MB: well over the 256 KiB JSON limit, well under what the server reads to answer it. */
const OVERSIZED = JSON.stringify({ phone: '13800000000', password: 'x'.repeat(3 * 1024 * 1024) })

function expectPayloadTooLarge(status: number, body: unknown) {
  expect(status).toBe(413)
  expect((body as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE')
}

/** The body in chunks of 64 KiB, as a stream: undici then sends it chunked, with no Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024))
      offset += 64 * 1024
    },
  })
}

describe('an oversized JSON body gets its 413, not a reset', () => {
  it('reaches undici fetch every time, with Content-Length declared', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url + LOGIN, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: OVERSIZED,
      })
      expectPayloadTooLarge(res.status, await res.json())
    }
  })

  it('reaches undici fetch every time, sent chunked', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url + LOGIN, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(OVERSIZED),
        duplex: 'half',
      })
      expectPayloadTooLarge(res.status, await res.json())
    }
  })

  it.each([
    ['with Content-Length declared', 'content-length', Buffer.from(OVERSIZED)],
    ['sent chunked', 'chunked', Buffer.from(chunkedEncoding(OVERSIZED))],
  ])('reaches a client that reads only once it has sent its whole request, %s', async (_, framing, body) => {
    for (let i = 0; i < 20; i++) {
      const { status, body: answer } = await sendAllThenRead(framing as 'content-length' | 'chunked', body)
      expectPayloadTooLarge(status, answer)
    }
  })
})

function chunkedEncoding(text: string): string {
  const parts: string[] = []
  for (let offset = 0; offset < text.length; offset += 64 * 1024) {
    const part = text.slice(offset, offset + 64 * 1024)
    parts.push(`${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`)
  }
  return parts.join('') + '0\r\n\r\n'
}

/**
 * Like curl and many simple clients: writes the request to the end before it reads a byte of the answer. A
 * server that closes on unread bytes resets the connection, and such a client sees a write error, not the 413.
 */
async function sendAllThenRead(
  framing: 'content-length' | 'chunked',
  body: Buffer,
): Promise<{ status: number; body: unknown }> {
  const { port, host } = new URL(url)
  const socket = net.connect(Number(port), '127.0.0.1')
  socket.pause()
  const length = framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`
  const head = `POST ${LOGIN} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n${length}\r\n\r\n`
  const failed = new Promise<never>((_, reject) => socket.once('error', reject))
  socket.write(head)
  // In pieces with a breath between them, as bytes leave over a real network, not all at once into loopback buffers.
  for (let offset = 0; offset < body.length; offset += 64 * 1024) {
    const piece = body.subarray(offset, offset + 64 * 1024)
    await Promise.race([failed, new Promise((resolve) => socket.write(piece, resolve))])
    await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 1))])
  }
  const raw = await new Promise<string>((resolve, reject) => {
    let text = ''
    socket.on('data', (data: Buffer) => (text += data.toString()))
    socket.once('end', () => resolve(text))
    socket.once('error', reject)
    socket.resume()
  })
  socket.destroy()
  const [headers, payload = ''] = raw.split('\r\n\r\n')
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(headers!)?.[1]), body: JSON.parse(payload) }
}

describe('a body that never ends is still cut off', () => {
  /** Opens a chunked upload that never ends, feeding `piece` every `everyMs`; resolves when the server closes. */
  async function endlessUpload(piece: number, everyMs: number): Promise<{ answer: string; ms: number; sent: number }> {
    const started = Date.now()
    const { port, host } = new URL(url)
    const socket = net.connect(Number(port), '127.0.0.1')
    socket.write(
      `POST ${LOGIN} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    )
    const data = 'x'.repeat(piece)
    const chunk = `${piece.toString(16)}\r\n${data}\r\n`
    socket.write(`${(300 * 1024).toString(16)}\r\n{"password":"${'x'.repeat(300 * 1024 - 13)}\r\n`)
    let sent = 300 * 1024
    const feed = setInterval(() => {
      if (socket.destroyed || socket.writableNeedDrain) return
      socket.write(chunk, () => undefined)
      sent += piece
    }, everyMs)
    let answer = ''
    socket.on('data', (bytes: Buffer) => (answer += bytes.toString()))
    socket.on('error', () => undefined)
    await new Promise<void>((resolve) => socket.once('close', () => resolve()))
    clearInterval(feed)
    return { answer, ms: Date.now() - started, sent }
  }

  it('a slow trickle: answered 413 and closed once the time bound is up', async () => {
    const { answer, ms } = await endlessUpload(1024, 50)
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(ms).toBeLessThan(DRAIN_MAX_MS + 3_000)
  }, 20_000)

  it('a flood: closed once the byte bound is read, long before the time bound', async () => {
    const { ms, sent } = await endlessUpload(256 * 1024, 1)
    expect(ms).toBeLessThan(DRAIN_MAX_MS)
    expect(sent).toBeGreaterThan(DRAIN_MAX_BYTES)
  }, 20_000)
})
