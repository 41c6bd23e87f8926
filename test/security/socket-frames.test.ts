import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, registerUser, type TestApp, type TestUser } from '../helpers/app.js'
import { SocketClient } from '../helpers/socket.js'

let t: TestApp
let url: string
let user: TestUser
const lines: string[] = []

beforeAll(async () => {
  t = await createTestApp({ logLevel: 'info', logStream: { write: (line) => lines.push(line) } })
  url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  user = await registerUser(t.app)
})
afterAll(() => t.close())

/** Log lines at error level or above: the operations guide alerts on each one. */
function alarms(): string[] {
  return lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)
}

const HOSTILE_FRAMES: Array<[string, string]> = [
  ['type __proto__', JSON.stringify({ type: '__proto__', ref: 'p' })],
  ['type hasOwnProperty', JSON.stringify({ type: 'hasOwnProperty' })],
  ['type valueOf', JSON.stringify({ type: 'valueOf' })],
  ['type constructor', JSON.stringify({ type: 'constructor' })],
  ['type toString', JSON.stringify({ type: 'toString' })],
  ['type __defineGetter__', JSON.stringify({ type: '__defineGetter__' })],
  ['a type nobody knows', JSON.stringify({ type: 'wallet.drain' })],
  ['a type that is no string', JSON.stringify({ type: 5 })],
  ['malformed JSON', '{"type":"ping"'],
  ['not JSON at all', 'hello'],
  ['a number', '42'],
  ['a string', '"ping"'],
  ['null', 'null'],
  ['an array', '[{"type":"ping"}]'],
  ['an empty object', '{}'],
]

describe('socket frames are parsed safely', () => {
  it('answers every hostile frame with error UNKNOWN_FRAME, keeps the socket and writes no error log', async () => {
    const client = await SocketClient.connect(url, user.token)
    try {
      for (const [index, [name, text]] of HOSTILE_FRAMES.entries()) {
        client.socket.send(text)
        const errors = await client.collect('error', index + 1)
        expect(errors[index]!.data.code, name).toBe('UNKNOWN_FRAME')
      }
      client.socket.send(Buffer.from([0xff, 0x00]), { binary: true })
      const errors = await client.collect('error', HOSTILE_FRAMES.length + 1)
      expect(errors.at(-1)!.data.code).toBe('UNKNOWN_FRAME')
      expect(errors[0]!.data.ref).toBe('p')

      client.send({ type: 'ping' })
      await client.next((f) => f.type === 'pong')
    } finally {
      await client.close()
    }
    expect(alarms()).toEqual([])
  })

  it('cuts off a frame over the size limit with 1009, without an error log', async () => {
    const client = await SocketClient.connect(url, user.token)
    const closed = client.closed()
    client.socket.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(1024 * 1024) }))
    expect(await closed).toBe(1009)
    expect(alarms()).toEqual([])
  })
})
