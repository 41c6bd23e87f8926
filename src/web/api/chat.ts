import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { ConversationView, ConversationsPage, MessageView, OpenedMessage } from '../../shared/api/chat.js'
import { useMe } from './accounts.js'
import { noteMyRead } from './chat-cache.js'
import { chatKeys } from './chat-keys.js'
import { request } from './client.js'
import { pagePath, type Page } from './paging.js'

const conversation = (id: string) => `/conversations/${encodeURIComponent(id)}`
const MESSAGE_PAGE = 30

export const fetchConversations = () => request<ConversationsPage>('GET', '/conversations')

/** Every chat I am in, newest activity first; the socket keeps it current between loads. */
export function useConversations(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: chatKeys.conversations, queryFn: fetchConversations, ...options })
}

/** The sum of unread messages, for the Chat tab's badge. */
export function useUnreadTotal(): number {
  const me = useMe().data
  const list = useConversations({ enabled: Boolean(me) })
  return (list.data?.items ?? []).reduce((sum, item) => sum + item.unreadCount, 0)
}

/** One conversation: shown at once from the list when it holds it, then as the server has it. */
export function useConversation(id: string) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: chatKeys.conversation(id),
    queryFn: () => request<ConversationView>('GET', conversation(id)),
    placeholderData: () =>
      queryClient.getQueryData<ConversationsPage>(chatKeys.conversations)?.items.find((item) => item.id === id),
  })
}

/** A conversation's history, newest page first; older pages load as the reader scrolls up. */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: chatKeys.messages(id),
    queryFn: ({ pageParam }) =>
      request<Page<MessageView>>('GET', pagePath(`${conversation(id)}/messages`, MESSAGE_PAGE, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

/** The messages after `afterSeq`, oldest first, following the server's cursor to the end. */
export async function fetchMessagesAfter(id: string, afterSeq: number): Promise<MessageView[]> {
  const found: MessageView[] = []
  let cursor: string | null = null
  do {
    const path = pagePath(`${conversation(id)}/messages?afterSeq=${afterSeq}`, 100, cursor)
    const page: Page<MessageView> = await request<Page<MessageView>>('GET', path)
    found.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return found
}

/** 发消息 from a friend's row: the direct conversation with them, made on first use. */
export function useOpenDirect() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) => request<ConversationView>('POST', '/conversations', { userId }),
    onSuccess: async (fresh) => {
      queryClient.setQueryData(chatKeys.conversation(fresh.id), fresh)
      await queryClient.invalidateQueries({ queryKey: chatKeys.conversations })
    },
  })
}

/** Tells the server (and so the sender) that I have read up to `seq`. */
export async function markRead(queryClient: QueryClient, id: string, seq: number) {
  noteMyRead(queryClient, id, seq)
  await request<void>('POST', `${conversation(id)}/read`, { seq })
}

/**
 * Opens a burn message. Deliberately a plain request, not a mutation: a mutation keeps its answer in the query
 * client's cache, and the text must live only in the component that shows it, for as long as it shows it.
 */
export const openBurnMessage = (messageId: string) =>
  request<OpenedMessage>('POST', `/messages/${encodeURIComponent(messageId)}/open`)
