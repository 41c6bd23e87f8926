import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type {
  CollectionPayment,
  CollectionView,
  CreateCollectionBody,
  CollectionsQuery,
} from '../../shared/api/collections.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import { useList } from './paging.js'

export type CollectionRole = NonNullable<CollectionsQuery['role']>
export const COLLECTION_ROLES: CollectionRole[] = ['member', 'collector']

export const collectionKeys = {
  all: ['collections'] as const,
  one: (id: string) => ['collections', 'one', id] as const,
  list: (role: CollectionRole) => ['collections', 'list', role] as const,
}

const path = (id: string) => `/collections/${encodeURIComponent(id)}`

export function useCollection(id: string) {
  return useQuery({ queryKey: collectionKeys.one(id), queryFn: () => request<CollectionView>('GET', path(id)) })
}

export function useCollections(role: CollectionRole) {
  return useList<CollectionView>(collectionKeys.list(role), `/collections?role=${role}`)
}

/** A payment, a close or a pushed frame: every card and page of collections reads afresh. */
export function collectionChanged(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: collectionKeys.all })
}

/** 发起群收款: no PIN, nothing moves yet; the card arrives in the chat by the socket. */
export function useCreateCollection(groupId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateCollectionBody) =>
      request<CollectionView>('POST', `/groups/${encodeURIComponent(groupId)}/collections`, body),
    onSuccess: () => collectionChanged(queryClient),
  })
}

export function usePayCollection(id: string) {
  const queryClient = useQueryClient()
  return useMoneyMutation(async (pin: string, headers) => {
    try {
      return await request<CollectionPayment>('POST', `${path(id)}/pay`, { pin }, headers)
    } finally {
      await collectionChanged(queryClient)
    }
  })
}

/** The collector's 结束收款, or a member's 不再提醒. */
export function useCollectionAction(id: string, action: 'close' | 'reminders/mute') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => request<unknown>('POST', `${path(id)}/${action}`),
    onSettled: () => collectionChanged(queryClient),
  })
}
