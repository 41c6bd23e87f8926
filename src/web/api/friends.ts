import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  BlockView,
  FriendRequestBody,
  FriendRequestView,
  FriendSettings,
  FriendSettingsBody,
  FriendView,
} from '../../shared/api/social.js'
import { request } from './client.js'
import { useList, type Page } from './paging.js'
import { feedKey, socialKey, socialKeys } from './social-keys.js'

const user = (id: string) => encodeURIComponent(id)

export const useFriends = () => useList<FriendView>(socialKeys.friends, '/friends')

export const useFriendRequests = (direction: 'incoming' | 'outgoing') =>
  useList<FriendRequestView>(socialKeys.requests(direction), `/friend-requests?direction=${direction}`)

/** How many friend requests wait for my answer (of the first page: the badge says "20+" beyond it anyway). */
export function usePendingRequestCount(): number {
  const incoming = useFriendRequests('incoming')
  return (incoming.data?.pages ?? []).flatMap((page) => page.items).filter((item) => item.status === 'pending').length
}

export function useBlocks() {
  return useQuery({ queryKey: socialKeys.blocks, queryFn: () => request<{ items: BlockView[] }>('GET', '/blocks') })
}

/** A mutation after which friends, requests, blocks and the feed may all read differently. */
function useSocialMutation<I, R>(send: (input: I) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: socialKey }),
        queryClient.invalidateQueries({ queryKey: feedKey }),
      ])
    },
  })
}

export const useSendFriendRequest = () =>
  useSocialMutation((body: FriendRequestBody) => request<FriendRequestView>('POST', '/friend-requests', body))

export const useAnswerFriendRequest = () =>
  useSocialMutation(({ id, answer }: { id: string; answer: 'accept' | 'decline' }) =>
    request<FriendRequestView>('POST', `/friend-requests/${encodeURIComponent(id)}/${answer}`),
  )

export const useRemoveFriend = () =>
  useSocialMutation((userId: string) => request<void>('DELETE', `/friends/${user(userId)}`))

export const useBlock = () => useSocialMutation((userId: string) => request<BlockView>('POST', '/blocks', { userId }))

export const useUnblock = () =>
  useSocialMutation((userId: string) => request<void>('DELETE', `/blocks/${user(userId)}`))

/** 不看他的动态 / 不让他看我的动态: the switch moves at once and moves back if the server refuses. */
export function useUpdateFriendSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ userId, ...body }: FriendSettingsBody & { userId: string }) =>
      request<FriendSettings>('PUT', `/friends/${user(userId)}/settings`, body),
    onMutate: async ({ userId, ...body }) => {
      await queryClient.cancelQueries({ queryKey: socialKeys.friends })
      const previous = queryClient.getQueryData(socialKeys.friends)
      queryClient.setQueryData<{ pages: Page<FriendView>[]; pageParams: unknown[] }>(
        socialKeys.friends,
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((friend) => (friend.id === userId ? { ...friend, ...body } : friend)),
            })),
          },
      )
      return { previous }
    },
    onError: (_error, _input, context) => queryClient.setQueryData(socialKeys.friends, context?.previous),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: socialKeys.friends }),
        queryClient.invalidateQueries({ queryKey: feedKey }),
      ])
    },
  })
}
