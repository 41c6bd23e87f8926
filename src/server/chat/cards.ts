import { monotonicFactory } from 'ulid'
import type { Transaction } from 'kysely'
import type { CardType, MessageView } from '../../shared/api/chat.js'
import type { PersonView } from '../../shared/api/social.js'
import type { Tables } from '../db/tables.js'
import type { Push } from '../realtime/push.js'
import type { ChatService, Membership } from './service.js'
import { ensureMembers, insertMessage, markRead, takeSeqs, type MessageRow } from './store.js'
import { messageView } from './view.js'

const newId = monotonicFactory()

export interface Card {
  type: CardType
  refId: string
  /** A greeting, a title, a purpose: never a secret. */
  text: string
  amount: number | null
}

/**
 * Posts a card (a red packet, a transfer, a collection, an IOU) into a conversation inside the caller's transaction —
 * the one that moves the money — so that the card and the money commit together or not at all.
 */
export async function postCard(
  trx: Transaction<Tables>,
  membership: Membership,
  senderId: string,
  card: Card,
  now: number,
): Promise<MessageRow> {
  const conversationId = membership.conversation.id
  await ensureMembers(trx, conversationId, membership.memberIds, now)
  const message: MessageRow = {
    id: newId(),
    conversation_id: conversationId,
    seq: await takeSeqs(trx, conversationId, 1, now),
    sender_id: senderId,
    kind: card.type,
    text: card.text,
    media_id: null,
    burn_seconds: null,
    burn_expires_at: null,
    burned_at: null,
    ref_id: card.refId,
    amount: card.amount,
    created_at: now,
  }
  await insertMessage(trx, message, null, [])
  await markRead(trx, conversationId, senderId, message.seq)
  return message
}

/** After commit: the card reaches every member's sockets like any message. */
export async function announceCard(
  chat: ChatService,
  push: Push,
  message: MessageRow,
  memberIds: string[],
): Promise<void> {
  const [forSender] = await chat.messageViews(message.sender_id, [message])
  const [forOthers] = await chat.messageViews(memberIds.find((id) => id !== message.sender_id) ?? message.sender_id, [
    message,
  ])
  await Promise.all([
    push.toUsers([message.sender_id], { type: 'message.new', data: forSender }),
    push.toUsers(
      memberIds.filter((id) => id !== message.sender_id),
      { type: 'message.new', data: forOthers },
    ),
  ])
}

/** The card as its sender sees it in the answer to the request that posted it: built from what is known, no reads. */
export function senderCardView(message: MessageRow, sender: PersonView): MessageView {
  const people = new Map([[sender.id, sender]])
  return messageView(message, sender.id, { people, media: new Map(), openable: new Set(), members: [] })
}
