import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import type { ConversationView, ConversationsPage, MessageView } from '../../shared/api/chat.js'
import { chatKeys } from './chat-keys.js'
import type { Page } from './paging.js'

/** A conversation's messages as cached: pages newest first, each page newest first (as the server pages them). */
export type MessagesData = InfiniteData<Page<MessageView>, string | null>

const bySeqDescending = (a: MessageView, b: MessageView) => b.seq - a.seq

/** The highest message number held, 0 for none: where a catch-up (`afterSeq`) starts. */
export function highestSeq(data: MessagesData | undefined): number {
  return data?.pages[0]?.items[0]?.seq ?? 0
}

/**
 * Adds messages that arrived by push, by catch-up or as the answer to my own send. Each message is kept once (by
 * id) whichever way it came first, and the newest page stays in seq order, so nothing is doubled or reordered.
 */
export function mergeMessages(data: MessagesData, incoming: MessageView[]): MessagesData {
  const held = new Set(data.pages.flatMap((page) => page.items.map((message) => message.id)))
  const fresh = new Map<string, MessageView>()
  for (const message of incoming) if (!held.has(message.id)) fresh.set(message.id, message)
  if (fresh.size === 0) return data
  const [first, ...rest] = data.pages
  const items = [...fresh.values(), ...(first?.items ?? [])].sort(bySeqDescending)
  return { ...data, pages: [{ items, nextCursor: first?.nextCursor ?? null }, ...rest] }
}

/** Rewrites every held message that `update` changes (status, burn state). */
export function patchMessages(
  queryClient: QueryClient,
  conversationId: string,
  update: (message: MessageView) => MessageView,
): void {
  queryClient.setQueryData<MessagesData>(
    chatKeys.messages(conversationId),
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({ ...page, items: page.items.map(update) })),
      },
  )
}

/** Rewrites one conversation in the list and in its own query; false when the list does not hold it. */
export function patchConversation(
  queryClient: QueryClient,
  id: string,
  update: (conversation: ConversationView) => ConversationView,
): boolean {
  let found = false
  queryClient.setQueryData<ConversationsPage>(chatKeys.conversations, (data) => {
    if (!data) return data
    const items = data.items.map((item) => {
      if (item.id !== id) return item
      found = true
      return update(item)
    })
    // Newest activity first, as the server orders it.
    items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    return { ...data, items }
  })
  queryClient.setQueryData<ConversationView>(chatKeys.conversation(id), (data) => data && update(data))
  return found
}

/**
 * A message reached this device: into the open conversation's history (when it is cached) and into the list's
 * preview, unread count and order. A conversation the list does not know yet makes the list load again.
 */
export async function receiveMessages(queryClient: QueryClient, meId: string, messages: MessageView[]) {
  const byConversation = new Map<string, MessageView[]>()
  for (const message of messages) {
    byConversation.set(message.conversationId, [...(byConversation.get(message.conversationId) ?? []), message])
  }
  for (const [conversationId, group] of byConversation) {
    const key = chatKeys.messages(conversationId)
    const loading = queryClient.isFetching({ queryKey: key }) > 0
    if (loading && !queryClient.getQueryData(key)) {
      // The first load may have read before these were stored: start it again rather than miss them.
      void queryClient.invalidateQueries({ queryKey: key })
    } else {
      // A refetch that started before these were stored would overwrite them with an older answer.
      if (loading) await queryClient.cancelQueries({ queryKey: key })
      queryClient.setQueryData<MessagesData>(key, (data) => data && mergeMessages(data, group))
    }
    const newest = group.reduce((a, b) => (b.seq > a.seq ? b : a))
    const newer = (c: ConversationView) => group.filter((m) => m.seq > c.lastSeq && m.sender.id !== meId).length
    const known = patchConversation(queryClient, conversationId, (c) =>
      newest.seq < c.lastSeq
        ? c
        : {
            ...c,
            lastMessage: newest,
            lastSeq: newest.seq,
            updatedAt: newest.createdAt > c.updatedAt ? newest.createdAt : c.updatedAt,
            // My own message means I have read everything before it (the server marks it so).
            ...(newest.sender.id === meId
              ? { unreadCount: 0, lastReadSeq: newest.seq }
              : { unreadCount: c.unreadCount + newer(c) }),
          },
    )
    if (!known) await queryClient.invalidateQueries({ queryKey: chatKeys.conversations })
  }
}

/** I read up to `seq` (here or on another device of mine): no unread left before it. */
export function noteMyRead(queryClient: QueryClient, conversationId: string, seq: number): void {
  patchConversation(queryClient, conversationId, (c) =>
    seq < c.lastReadSeq
      ? c
      : // Past `seq` only the others' messages count, and there can be no more of them than messages.
        { ...c, lastReadSeq: seq, unreadCount: Math.min(c.unreadCount, Math.max(0, c.lastSeq - seq)) },
  )
}
