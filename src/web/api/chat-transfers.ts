import { useQueryClient } from '@tanstack/react-query'
import type { ChatTransferBody, ChatTransferResult } from '../../shared/api/chat.js'
import { useMe } from './accounts.js'
import { receiveMessages } from './chat-cache.js'
import { request } from './client.js'
import { useMoneyMutation } from './money-mutation.js'

/** 转账 inside a direct chat: the money and its card commit together; the card joins the history with the answer. */
export function useChatTransfer(conversationId: string) {
  const queryClient = useQueryClient()
  const meId = useMe().data?.id ?? ''
  return useMoneyMutation(async (body: ChatTransferBody, headers) => {
    const result = await request<ChatTransferResult>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/transfers`,
      body,
      headers,
    )
    await receiveMessages(queryClient, meId, [result.message])
    return result
  })
}
