import type { QueryClient } from '@tanstack/react-query'
import type { ConversationView, ConversationsPage, MessageView } from '../../shared/api/chat.js'
import {
  highestSeq,
  noteMyRead,
  patchConversation,
  patchMessages,
  receiveMessages,
  type MessagesData,
} from '../api/chat-cache.js'
import { chatKey, chatKeys } from '../api/chat-keys.js'
import { collectionChanged } from '../api/collections.js'
import { fetchConversations, fetchMessagesAfter } from '../api/chat.js'
import { iouChanged } from '../api/ious.js'
import { notificationsKey } from '../api/notifications.js'
import { redPacketChanged } from '../api/red-packets.js'
import type { ClientFrame, ServerFrame } from './frames.js'

/** Further behind than this, a conversation's history is loaded afresh rather than caught up message by message. */
const CATCH_UP_MAX = 300

/**
 * Applies pushed frames to the query cache, one at a time in arrival order, and catches up on `ready` with what the
 * socket could not deliver while it was away.
 */
export function createChatSync(queryClient: QueryClient, meId: string, send: (frame: ClientFrame) => void) {
  let queue = Promise.resolve()

  const acknowledge = (messages: MessageView[]) => {
    const theirs = messages.filter((message) => message.sender.id !== meId)
    const newest = theirs.reduce<MessageView | undefined>((a, b) => (a && a.seq > b.seq ? a : b), undefined)
    if (newest) send({ type: 'message.delivered', conversationId: newest.conversationId, seq: newest.seq })
  }

  /** Fetches what came after the newest message held; nothing to do for a conversation never opened here. */
  const catchUpConversation = async (id: string, lastSeq: number) => {
    const key = chatKeys.messages(id)
    const have = highestSeq(queryClient.getQueryData<MessagesData>(key))
    if (have === 0 || lastSeq <= have) return
    if (lastSeq - have > CATCH_UP_MAX) return queryClient.resetQueries({ queryKey: key })
    const missed = await fetchMessagesAfter(id, have)
    await receiveMessages(queryClient, meId, missed)
    acknowledge(missed)
  }

  const catchUp = async () => {
    const list = await queryClient.fetchQuery({
      queryKey: chatKeys.conversations,
      queryFn: fetchConversations,
      staleTime: 0,
    })
    await Promise.all(list.items.map((item) => catchUpConversation(item.id, item.lastSeq)))
    // What the list shows has reached this device too.
    for (const item of list.items) if (item.lastMessage) acknowledge([item.lastMessage])
    await queryClient.invalidateQueries({ queryKey: notificationsKey })
  }

  const received = async (message: MessageView) => {
    const have = highestSeq(queryClient.getQueryData<MessagesData>(chatKeys.messages(message.conversationId)))
    // A gap means frames were missed: fetch them first, so that history never has a hole in it.
    if (have > 0 && message.seq > have + 1) await catchUpConversation(message.conversationId, message.seq - 1)
    await receiveMessages(queryClient, meId, [message])
    acknowledge([message])
  }

  const read = async ({ conversationId, userId, seq }: { conversationId: string; userId: string; seq: number }) => {
    if (userId === meId) return noteMyRead(queryClient, conversationId, seq)
    if (kindOf(queryClient, conversationId) === 'direct') {
      patchMessages(queryClient, conversationId, (message) =>
        message.sender.id === meId && message.seq <= seq && message.status !== 'read'
          ? { ...message, status: 'read' }
          : message,
      )
      return
    }
    // In a group a message is read when every other member has read it: only the server can tell.
    await queryClient.invalidateQueries({ queryKey: chatKeys.messages(conversationId), refetchType: 'active' })
  }

  const burned = ({ messageId, conversationId }: { messageId: string; conversationId: string }) => {
    const burn = (message: MessageView): MessageView =>
      message.id === messageId && message.burnAfterReading
        ? { ...message, burnAfterReading: { ...message.burnAfterReading, burned: true, openable: false } }
        : message
    patchMessages(queryClient, conversationId, burn)
    patchConversation(queryClient, conversationId, (c) =>
      c.lastMessage ? { ...c, lastMessage: burn(c.lastMessage) } : c,
    )
  }

  const apply = async (frame: ServerFrame) => {
    switch (frame.type) {
      case 'ready':
        return catchUp()
      case 'message.new':
        return received(frame.data)
      case 'message.read':
        return read(frame.data)
      case 'message.burned':
        return burned(frame.data)
      case 'notification.new':
        return queryClient.invalidateQueries({ queryKey: notificationsKey })
      case 'red_packet.claimed':
      case 'red_packet.expired':
        return redPacketChanged(queryClient, frame.data.packetId)
      case 'collection.paid':
      case 'collection.closed':
        return collectionChanged(queryClient)
      case 'iou.updated':
        return iouChanged(queryClient)
      default:
        return undefined
    }
  }

  return {
    handle(frame: ServerFrame): void {
      queue = queue
        .then(() => apply(frame))
        // A failed catch-up must not leave a hole until the next reconnect: load the chat views afresh instead.
        .catch(() => queryClient.invalidateQueries({ queryKey: chatKey }))
    },
  }
}

function kindOf(queryClient: QueryClient, id: string): ConversationView['kind'] | undefined {
  return (
    queryClient.getQueryData<ConversationView>(chatKeys.conversation(id))?.kind ??
    queryClient.getQueryData<ConversationsPage>(chatKeys.conversations)?.items.find((item) => item.id === id)?.kind
  )
}
