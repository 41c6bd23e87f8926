import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import pino from 'pino'
import { LiveRooms, LocalViewerCounts } from '../../../src/server/live/rooms.js'
import { MemoryBus } from '../../../src/server/realtime/bus.js'
import type { Gateway } from '../../../src/server/realtime/gateway.js'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { SocketClient } from '../../helpers/socket.js'

describe('a live room', () => {
  let testApp: TestApp
  let url: string
  const sockets: SocketClient[] = []
  beforeAll(async () => {
    testApp = await createTestApp()
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await testApp.close()
  })

  it('delivers every danmaku to every viewer, batched, and a recall after it', async () => {
    const app = testApp.app
    const host = await registerUser(app, '主播')
    const created = await call(app, 'POST', '/api/v1/live/events', {
      token: host.token,
      body: { title: '决赛', startsAt: new Date().toISOString() },
    })
    const id = created.body.id as string
    await call(app, 'POST', `/api/v1/live/events/${id}/start`, { token: host.token })

    const viewers = await Promise.all(Array.from({ length: 8 }, () => registerUser(app)))
    for (const viewer of viewers) {
      for (let i = 0; i < 5; i++) {
        const socket = await SocketClient.connect(url, viewer.token)
        sockets.push(socket)
        socket.send({ type: 'live.join', eventId: id })
        await socket.next((f) => f.type === 'live.joined')
      }
    }
    expect((await call(app, 'GET', `/api/v1/live/events/${id}`, { token: host.token })).body.viewerCount).toBe(40)

    const sent = await Promise.all(
      viewers.flatMap((viewer, v) =>
        [0, 1].map((i) =>
          call(app, 'POST', `/api/v1/live/events/${id}/danmaku`, {
            token: viewer.token,
            body: { text: `弹幕 ${v}-${i}` },
          }),
        ),
      ),
    )
    expect(sent.every((r) => r.status === 201)).toBe(true)
    // And one over the socket.
    sockets[0]!.send({ type: 'danmaku.send', eventId: id, text: '从 socket 发的', color: '#00ff00' })
    await sockets[0]!.next((f) => f.type === 'danmaku.sent')
    const ids = new Set([...sent.map((r) => r.body.id as string)])
    for (const socket of sockets) {
      await socket.next(() => received(socket).length >= 17)
      const items = received(socket)
      expect(items).toHaveLength(17)
      expect(new Set(items.map((d) => d.id)).size).toBe(17)
      for (const id of ids) expect(items.some((d) => d.id === id)).toBe(true)
      expect(socket.frames.filter((f) => f.type === 'danmaku.batch').length).toBeLessThan(17)
    }

    const bad = await new Promise<{ code: string }>((resolve) => {
      sockets[1]!.send({ type: 'danmaku.send', eventId: id, text: '' })
      void sockets[1]!.next((f) => f.type === 'error').then((f) => resolve(f.data))
    })
    expect(bad.code).toBe('VALIDATION_FAILED')

    const recalled = sent[0]!.body.id as string
    await call(app, 'DELETE', `/api/v1/live/events/${id}/danmaku/${recalled}`, { token: viewers[0]!.token })
    for (const socket of sockets) {
      expect((await socket.next((f) => f.type === 'danmaku.recall')).data).toEqual({ eventId: id, id: recalled })
    }
    for (const socket of sockets.slice(0, 5)) socket.send({ type: 'live.leave', eventId: id })
    await expect.poll(() => app.ctx.rooms.socketsIn(id)).toBe(35)
  })
})

function received(socket: SocketClient): Array<{ id: string; text: string }> {
  return socket.frames.filter((f) => f.type === 'danmaku.batch').flatMap((f) => f.data.items)
}

describe('a room under overload', () => {
  it('drops the oldest unsent danmaku, counts them, and keeps memory bounded', async () => {
    const bus = new MemoryBus()
    const frames: string[] = []
    const gateway = { send: (_socket: WebSocket, frame: string) => frames.push(frame) } as unknown as Gateway
    const rooms = new LiveRooms(bus, gateway, new LocalViewerCounts(), pino({ level: 'silent' }), {
      flushMs: 50,
      maxPending: 5,
      viewersMs: 60_000,
    })
    const socket = { once: () => undefined } as unknown as WebSocket
    await rooms.join('room', socket)
    for (let i = 0; i < 12; i++) await rooms.publish('room', JSON.stringify({ id: `d${i}` }))
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(frames).toHaveLength(1)
    const batch = JSON.parse(frames[0]!)
    expect(batch.data.items.map((d: { id: string }) => d.id)).toEqual(['d7', 'd8', 'd9', 'd10', 'd11'])
    expect(batch.data.dropped).toBe(7)
    expect(rooms.droppedIn('room')).toBe(7)
    await rooms.close()
  })
})

describe('a room with the naive fan-out (the danmaku bench’s comparison)', () => {
  it('still sends every danmaku to every viewer, each as its own frame, as it arrives', async () => {
    const bus = new MemoryBus()
    const frames: Array<{ socket: WebSocket; frame: string }> = []
    const gateway = { send: (socket: WebSocket, frame: string) => frames.push({ socket, frame }) } as unknown as Gateway
    const rooms = new LiveRooms(bus, gateway, new LocalViewerCounts(), pino({ level: 'silent' }), {
      flushMs: 50,
      maxPending: 5,
      viewersMs: 60_000,
      fanout: 'naive',
    })
    const viewers = [0, 1].map(() => ({ once: () => undefined }) as unknown as WebSocket)
    for (const viewer of viewers) await rooms.join('room', viewer)
    for (let i = 0; i < 12; i++) await rooms.publish('room', JSON.stringify({ id: `d${i}` }))
    await expect.poll(() => frames.length).toBe(24)
    for (const viewer of viewers) {
      const mine = frames.filter((f) => f.socket === viewer).map((f) => JSON.parse(f.frame))
      expect(mine.map((f) => f.data.items.map((d: { id: string }) => d.id))).toEqual(
        Array.from({ length: 12 }, (_, i) => [`d${i}`]),
      )
      expect(mine.every((f) => f.type === 'danmaku.batch' && f.data.eventId === 'room' && !f.data.dropped)).toBe(true)
    }
    expect(rooms.droppedIn('room')).toBe(0)
    await rooms.close()
  })
})
