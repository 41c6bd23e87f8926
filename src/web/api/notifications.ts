import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMe } from './accounts.js'
import { isApiError } from './api-error.js'
import { request } from './client.js'
import type { NotificationsPage } from './notification-types.js'
import { pagePath, PAGE_SIZE } from './paging.js'

export const notificationsKey = ['notifications'] as const

const notificationsKeys = {
  count: [...notificationsKey, 'count'] as const,
  list: [...notificationsKey, 'list'] as const,
}

/** The bell's number: the server counts, so one small request serves however many there are. */
export function useUnreadNotifications(): number {
  const me = useMe().data
  const count = useQuery({
    queryKey: notificationsKeys.count,
    queryFn: () => request<NotificationsPage>('GET', '/notifications?unread=true&limit=1'),
    enabled: Boolean(me),
    select: (page) => page.unreadCount,
    // A server without notifications (404) will not grow them by being asked again.
    retry: (failures, error) => failures < 2 && !isApiError(error, 'NOT_FOUND'),
  })
  return count.data ?? 0
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationsKeys.list,
    queryFn: ({ pageParam }) => request<NotificationsPage>('GET', pagePath('/notifications', PAGE_SIZE, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

/**
 * Marks these (unread) ones read, or all of them without ids. The bell drops at once, so that leaving the list never
 * shows the old number; the bell and the list then load again.
 */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids?: string[]) => request<void>('POST', '/notifications/read', ids ? { ids } : {}),
    onMutate: async (ids?: string[]) => {
      await queryClient.cancelQueries({ queryKey: notificationsKeys.count })
      queryClient.setQueryData<NotificationsPage>(
        notificationsKeys.count,
        (page) => page && { ...page, unreadCount: ids ? Math.max(0, page.unreadCount - ids.length) : 0 },
      )
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  })
}
