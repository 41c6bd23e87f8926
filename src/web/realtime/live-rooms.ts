import { useEffect, useRef } from 'react'
import type { DanmakuView, SendDanmakuBody } from '../../shared/api/live.js'
import type { ClientFrame, ServerFrame } from './frames.js'
import type { LiveServerFrame } from './live-frames.js'

type RoomFrame = Exclude<LiveServerFrame, { type: 'danmaku.sent' }>
type Listener = (frame: RoomFrame) => void

/** A danmaku sent over the socket is answered by `danmaku.sent`, or by an `error` frame, within this. */
const SEND_TIMEOUT_MS = 5_000

/** The server's answer to a danmaku sent over the socket: a code only, localised by the page. */
export class SocketSendError extends Error {
  constructor(readonly code: string) {
    super(code)
    this.name = 'SocketSendError'
  }
}

interface PendingSend {
  resolve: (sent: DanmakuView) => void
  reject: (error: SocketSendError) => void
  timer: number
}

let send: ((frame: ClientFrame) => void) | null = null
let online = false
const rooms = new Map<string, Set<Listener>>()
// The socket answers in order and names no request, so the oldest send waiting is the one answered.
const waiting: PendingSend[] = []

/** Live rooms on the app's one socket: joined while a page watches them, joined again after every reconnect. */
export const liveRooms = {
  attach(sender: (frame: ClientFrame) => void): void {
    send = sender
  },

  detach(): void {
    send = null
    online = false
    while (waiting.length > 0) settle()?.reject(new SocketSendError('NETWORK_ERROR'))
  },

  setOnline(next: boolean): void {
    online = next
  },

  handle(frame: ServerFrame): void {
    if (frame.type === 'ready') {
      for (const eventId of rooms.keys()) send?.({ type: 'live.join', eventId })
      return
    }
    if (frame.type === 'danmaku.sent') return settle()?.resolve(frame.data)
    // Sends are one at a time per page, so an error while one waits is its answer.
    if (frame.type === 'error') return settle()?.reject(new SocketSendError(frame.data.code))
    if (isRoomFrame(frame)) rooms.get(frame.data.eventId)?.forEach((listener) => listener(frame))
  },
}

const ROOM_FRAMES: ReadonlySet<string> = new Set(['live.joined', 'danmaku.batch', 'danmaku.recall', 'live.viewers'])

function isRoomFrame(frame: ServerFrame): frame is RoomFrame {
  return ROOM_FRAMES.has(frame.type)
}

function settle(): PendingSend | undefined {
  const pending = waiting.shift()
  if (pending) window.clearTimeout(pending.timer)
  return pending
}

/** Whether a danmaku can go over the socket now; when not, the page posts it over HTTP. */
export function socketReady(): boolean {
  return online && send !== null
}

/** Sends a danmaku over the socket; rejects with a SocketSendError carrying the server's code. */
export function sendDanmakuFrame(eventId: string, body: SendDanmakuBody): Promise<DanmakuView> {
  return new Promise((resolve, reject: (error: SocketSendError) => void) => {
    const timer = window.setTimeout(() => {
      const index = waiting.findIndex((pending) => pending.timer === timer)
      if (index >= 0) waiting.splice(index, 1)
      reject(new SocketSendError('NETWORK_ERROR'))
    }, SEND_TIMEOUT_MS)
    waiting.push({ resolve, reject, timer })
    send?.({ type: 'danmaku.send', eventId, ...body })
  })
}

/** Watches an event's room while the component is mounted: its danmaku, recalls and viewer counts. */
export function useLiveRoom(eventId: string | undefined, onFrame: Listener): void {
  const latest = useRef(onFrame)
  useEffect(() => {
    latest.current = onFrame
  })
  useEffect(() => {
    if (!eventId) return
    const listener: Listener = (frame) => latest.current(frame)
    let listeners = rooms.get(eventId)
    if (!listeners) {
      listeners = new Set()
      rooms.set(eventId, listeners)
      if (online) send?.({ type: 'live.join', eventId })
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size > 0) return
      rooms.delete(eventId)
      if (online) send?.({ type: 'live.leave', eventId })
    }
  }, [eventId])
}
