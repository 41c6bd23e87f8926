import type { CardType, MessageView } from '../../shared/api/chat.js'
import type { MediaView } from '../../shared/api/feed.js'
import type { PersonView } from '../../shared/api/social.js'
import type { MemberRow, MessageRow } from './store.js'

export interface MessageParts {
  people: Map<string, PersonView>
  media: Map<string, MediaView>
  /** Burn messages this viewer may still open. */
  openable: Set<string>
  /** The other members' marks, for the status of the viewer's own messages. */
  members: MemberRow[]
}

const iso = (time: number) => new Date(time).toISOString()

/** A message as one viewer sees it. A burn message never carries its text here: only opening it does. */
export function messageView(message: MessageRow, viewerId: string, parts: MessageParts): MessageView {
  const sender = parts.people.get(message.sender_id) ?? {
    id: message.sender_id,
    displayName: '',
    maskedName: null,
    avatarUrl: null,
  }
  const burn = message.burn_seconds !== null
  const view: MessageView = {
    id: message.id,
    conversationId: message.conversation_id,
    seq: message.seq,
    sender,
    kind: message.kind as MessageView['kind'],
    text: burn ? null : message.text,
    media: message.media_id ? (parts.media.get(message.media_id) ?? null) : null,
    burnAfterReading: burn
      ? {
          seconds: message.burn_seconds!,
          openable: parts.openable.has(message.id),
          burned: message.burned_at !== null,
          expiresAt: iso(message.burn_expires_at!),
        }
      : null,
    card:
      message.ref_id !== null
        ? { type: message.kind as CardType, id: message.ref_id, text: message.text ?? '', amount: message.amount }
        : null,
    createdAt: iso(message.created_at),
  }
  if (message.sender_id === viewerId) view.status = statusOf(message, viewerId, parts.members)
  return view
}

/** How far the others got: every one of them has read it, or has at least received it. */
function statusOf(message: MessageRow, senderId: string, members: MemberRow[]): MessageView['status'] {
  const others = members.filter((m) => m.conversation_id === message.conversation_id && m.user_id !== senderId)
  if (others.length === 0) return 'sent'
  if (others.every((m) => m.last_read_seq >= message.seq)) return 'read'
  if (others.every((m) => m.last_delivered_seq >= message.seq)) return 'delivered'
  return 'sent'
}
