import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { TipResult } from '../../shared/api/feed.js'
import type { CreateEventBody, DanmakuView, EventView, SendDanmakuBody } from '../../shared/api/live.js'
import { SocketSendError, sendDanmakuFrame, socketReady } from '../realtime/live-rooms.js'
import { ApiError } from './api-error.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import type { Page } from './paging.js'

export type EventStatus = EventView['status']

const REFRESH_MS = 30_000

export const liveKeys = {
  all: ['live'] as const,
  list: (status: EventStatus) => ['live', 'list', status] as const,
  event: (id: string) => ['live', 'event', id] as const,
  keywords: (id: string) => ['live', 'keywords', id] as const,
}

const event = (id: string) => `/live/events/${encodeURIComponent(id)}`

/** Events in one state: live now, coming up, or over (with their replays). */
export function useLiveEvents(status: EventStatus) {
  return useQuery({
    queryKey: liveKeys.list(status),
    queryFn: () => request<Page<EventView>>('GET', `/live/events?status=${status}`),
  })
}

/** One event; checked again now and then until it is over, so that viewers see it go live and end. */
export function useLiveEvent(id: string) {
  return useQuery({
    queryKey: liveKeys.event(id),
    queryFn: () => request<EventView>('GET', event(id)),
    refetchInterval: (query) => (query.state.data?.status === 'ended' ? false : REFRESH_MS),
  })
}

function storeEvent(queryClient: QueryClient, view: EventView): void {
  queryClient.setQueryData(liveKeys.event(view.id), view)
  void queryClient.invalidateQueries({ queryKey: [...liveKeys.all, 'list'] })
}

export function useCreateEvent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateEventBody) => request<EventView>('POST', '/live/events', body),
    onSuccess: (view) => storeEvent(queryClient, view),
  })
}

/** The host goes live, or ends the event (the stream itself becomes the replay unless another is named). */
export function useHostAction(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ action, replayUrl }: { action: 'start' | 'end'; replayUrl?: string }) =>
      request<EventView>('POST', `${event(id)}/${action}`, action === 'end' && replayUrl ? { replayUrl } : undefined),
    onSuccess: (view) => storeEvent(queryClient, view),
  })
}

/**
 * A danmaku goes over the app's socket when it is up (no request per line), else over HTTP. Socket errors carry only
 * a code: `localise` turns it into the message the form shows.
 */
export function useSendDanmaku(id: string, localise: (code: string) => string) {
  return useMutation({
    mutationFn: async (body: SendDanmakuBody): Promise<DanmakuView> => {
      if (!socketReady()) return request<DanmakuView>('POST', `${event(id)}/danmaku`, body)
      try {
        return await sendDanmakuFrame(id, body)
      } catch (error) {
        if (!(error instanceof SocketSendError)) throw error
        throw new ApiError({ status: 0, code: error.code, message: localise(error.code) })
      }
    },
  })
}

export function useRecallDanmaku(id: string) {
  return useMutation({
    mutationFn: (danmakuId: string) => request<void>('DELETE', `${event(id)}/danmaku/${encodeURIComponent(danmakuId)}`),
  })
}

/** Danmaku of a replay between two video times (seconds), in time order. */
export const fetchDanmakuWindow = (id: string, from: number, to: number) =>
  request<{ items: DanmakuView[] }>('GET', `${event(id)}/danmaku?from=${from}&to=${to}`)

/** 打赏 the host: a random amount under ¥1, no PIN; the room sees it as a gold danmaku. */
export function useLiveTip(id: string) {
  return useMoneyMutation((_input: null, headers) =>
    request<TipResult>('POST', `${event(id)}/tips`, undefined, headers),
  )
}

export function useKeywords(id: string, enabled: boolean) {
  return useQuery({
    queryKey: liveKeys.keywords(id),
    queryFn: () => request<{ keywords: string[] }>('GET', `${event(id)}/keywords`),
    enabled,
  })
}

export function useAddKeywords(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (keywords: string[]) => request<{ keywords: string[] }>('POST', `${event(id)}/keywords`, { keywords }),
    onSuccess: (result) => queryClient.setQueryData(liveKeys.keywords(id), result),
  })
}
