import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateGroupBody, GroupView } from '../../shared/api/social.js'
import { request } from './client.js'
import { socialKeys } from './social-keys.js'

const group = (id: string) => `/groups/${encodeURIComponent(id)}`

export function useGroups() {
  return useQuery({
    queryKey: socialKeys.groups,
    queryFn: () => request<{ items: GroupView[]; nextCursor: string | null }>('GET', '/groups'),
  })
}

export function useGroup(id: string) {
  return useQuery({ queryKey: socialKeys.group(id), queryFn: () => request<GroupView>('GET', group(id)) })
}

function useGroupMutation<I, R>(send: (input: I) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSettled: () => queryClient.invalidateQueries({ queryKey: socialKeys.groups }),
  })
}

export const useCreateGroup = () =>
  useGroupMutation((body: CreateGroupBody) => request<GroupView>('POST', '/groups', body))

export const useRenameGroup = () =>
  useGroupMutation(({ id, name }: { id: string; name: string }) => request<GroupView>('PATCH', group(id), { name }))

export const useAddGroupMembers = () =>
  useGroupMutation(({ id, userIds }: { id: string; userIds: string[] }) =>
    request<GroupView>('POST', `${group(id)}/members`, { userIds }),
  )

/** Removes a member; with my own id, leaves the group. */
export const useRemoveGroupMember = () =>
  useGroupMutation(({ id, userId }: { id: string; userId: string }) =>
    request<void>('DELETE', `${group(id)}/members/${encodeURIComponent(userId)}`),
  )
