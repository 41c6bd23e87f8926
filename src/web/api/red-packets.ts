import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { ClaimResult, RedPacketView, SendRedPacketBody, SentRedPacket } from '../../shared/api/redpackets.js'
import type { GroupView } from '../../shared/api/social.js'
import { useMe } from './accounts.js'
import { receiveMessages } from './chat-cache.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'
import { socialKeys } from './social-keys.js'
import { walletKey } from './wallet-keys.js'

export const redPacketKeys = {
  all: ['redPackets'] as const,
  one: (id: string) => ['redPackets', id] as const,
}

const packetPath = (id: string) => `/red-packets/${encodeURIComponent(id)}`

/**
 * A packet as the viewer sees it: its state, the viewer's share, who claimed what. Each card reads its own; the
 * socket's claim frames mark it stale, so a card changes (已领完) without a reload.
 */
export function useRedPacket(id: string) {
  return useQuery({
    queryKey: redPacketKeys.one(id),
    queryFn: () => request<RedPacketView>('GET', packetPath(id)),
    staleTime: 30_000,
  })
}

/** 塞钱进红包: the card comes back with the answer and joins the history at once, before the socket echoes it. */
export function useSendRedPacket(conversationId: string) {
  const queryClient = useQueryClient()
  const meId = useMe().data?.id ?? ''
  return useMoneyMutation(async (body: SendRedPacketBody, headers) => {
    const sent = await request<SentRedPacket>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/red-packets`,
      body,
      headers,
    )
    await receiveMessages(queryClient, meId, [sent.message])
    return sent
  })
}

/** 開: one key per packet opened, so a retry after a lost answer gets the same share, not a second one. */
export function useClaimRedPacket() {
  const queryClient = useQueryClient()
  return useMoneyMutation(async (id: string, headers) => {
    try {
      return await request<ClaimResult>('POST', `${packetPath(id)}/claim`, undefined, headers)
    } finally {
      await queryClient.invalidateQueries({ queryKey: redPacketKeys.one(id) })
    }
  })
}

/** A claim or an expiry pushed by the server: the packet's view is out of date, and an expiry refunded the sender. */
export async function redPacketChanged(queryClient: QueryClient, packetId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: redPacketKeys.one(packetId) }),
    queryClient.invalidateQueries({ queryKey: walletKey }),
  ])
}

/** 本群共 N 人 on the send form: the group's size from the cached group, none for a direct chat. */
export function useGroupSize(groupId: string | null): number | undefined {
  const group = useQuery({
    queryKey: socialKeys.group(groupId ?? ''),
    queryFn: () => request<GroupView>('GET', `/groups/${encodeURIComponent(groupId ?? '')}`),
    enabled: groupId !== null,
  })
  return group.data?.members.length
}
