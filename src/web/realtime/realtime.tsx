import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useSyncExternalStore } from 'react'
import { meKey, useMe } from '../api/accounts.js'
import { isApiError } from '../api/api-error.js'
import { request } from '../api/client.js'
import { createChatSync } from './chat-sync.js'
import { liveRooms } from './live-rooms.js'
import { RealtimeSocket, type SocketStatus } from './socket.js'

let status: SocketStatus = 'offline'
const listeners = new Set<() => void>()

function setStatus(next: SocketStatus): void {
  if (next === status) return
  status = next
  listeners.forEach((listener) => listener())
}

/** Whether pushes arrive now: the chat list says 连接中… while they do not. */
export function useRealtimeStatus(): SocketStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => status,
  )
}

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`
}

/** The app's one socket: open while someone is signed in, closed at logout, feeding every push into the cache. */
export function Realtime() {
  const meId = useMe().data?.id
  const queryClient = useQueryClient()

  useEffect(() => {
    if (!meId) return
    const socket: RealtimeSocket = new RealtimeSocket({
      url: socketUrl,
      onFrame: (frame) => {
        sync.handle(frame)
        liveRooms.handle(frame)
      },
      onStatus: (next) => {
        setStatus(next)
        liveRooms.setOnline(next === 'online')
      },
      // Refused before opening: if the session has ended, the app goes to the login page; if the server is merely
      // away, nothing changes and the socket tries again.
      onRefused: () =>
        void request('GET', '/me').catch((error: unknown) => {
          if (isApiError(error) && error.status === 401) queryClient.setQueryData(meKey, null)
        }),
      // Signed out from elsewhere (another device, a password change): straight to the login page.
      onSessionEnded: () => queryClient.setQueryData(meKey, null),
    })
    const sync = createChatSync(queryClient, meId, (frame) => socket.send(frame))
    liveRooms.attach((frame) => socket.send(frame))
    socket.start()
    return () => {
      liveRooms.detach()
      socket.stop()
    }
  }, [meId, queryClient])

  return null
}
