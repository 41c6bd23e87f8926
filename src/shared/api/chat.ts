import { Type, type Static } from 'typebox'
import { MediaView } from './feed.js'
import { PersonView } from './social.js'
import { TransactionView } from './wallet.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
/** Message numbers are stored as 32-bit integers; anything above is no message there is. */
const SEQ_MAX = 2_147_483_647
/** Free text: any character but control characters other than newline and tab. */
const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' })

export const MESSAGE_TEXT_MAX = 5000
export const BURN_SECONDS_MAX = 60

export const OpenConversationBody = Type.Object({ userId: Id }, { additionalProperties: false })
export type OpenConversationBody = Static<typeof OpenConversationBody>

export const SendMessageBody = Type.Object(
  {
    text: Type.Optional(Text(1, MESSAGE_TEXT_MAX)),
    mediaId: Type.Optional(Id),
    burnAfterReading: Type.Optional(
      Type.Object(
        { seconds: Type.Integer({ minimum: 1, maximum: BURN_SECONDS_MAX }) },
        { additionalProperties: false, description: 'text only: recipients may open it once, then it is deleted' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type SendMessageBody = Static<typeof SendMessageBody>

export const CARD_TYPES = ['red_packet', 'transfer', 'collection', 'iou'] as const
export type CardType = (typeof CARD_TYPES)[number]

/** A message that shows a thing with money in it; its details are read from the thing's own endpoint. */
export const CardView = Type.Object({
  type: Type.Enum([...CARD_TYPES]),
  id: Type.String({ description: 'GET /red-packets/:id, /collections/:id, /ious/:id; a transfer: its transaction' }),
  text: Type.String({ description: 'greeting, title or purpose' }),
  amount: Type.Union([Type.Integer(), Type.Null()], { description: 'fen, where the card shows one' }),
})
export type CardView = Static<typeof CardView>

export const BurnView = Type.Object({
  seconds: Type.Integer(),
  /** The viewer may still open it (a recipient who has not). */
  openable: Type.Boolean(),
  /** The text is gone for everyone: every recipient opened it, or it expired. */
  burned: Type.Boolean(),
  expiresAt: Type.String({ format: 'date-time' }),
})

export const MessageView = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  seq: Type.Integer({ description: '1, 2, 3… within the conversation, in the order messages were stored' }),
  sender: PersonView,
  kind: Type.Enum(['text', 'image', ...CARD_TYPES]),
  text: Type.Union([Type.String(), Type.Null()], { description: 'always null for burn-after-reading messages' }),
  media: Type.Union([MediaView, Type.Null()]),
  burnAfterReading: Type.Union([BurnView, Type.Null()]),
  card: Type.Union([CardView, Type.Null()], { description: 'red packets, transfers, collections and IOUs' }),
  status: Type.Optional(
    Type.Enum(['sent', 'delivered', 'read'], { description: "the sender's own messages: how far the others got" }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
})
export type MessageView = Static<typeof MessageView>

export const ConversationView = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['direct', 'group']),
  title: Type.String({ description: "the friend's name, or the group's" }),
  peer: Type.Union([PersonView, Type.Null()], { description: 'direct: the other person' }),
  groupId: Type.Union([Type.String(), Type.Null()]),
  lastMessage: Type.Union([MessageView, Type.Null()]),
  lastSeq: Type.Integer(),
  lastReadSeq: Type.Integer({ description: "the viewer's" }),
  unreadCount: Type.Integer(),
  othersReadSeq: Type.Integer({ description: 'every other member has read up to here (the sender’s 已读)' }),
  othersDeliveredSeq: Type.Integer({ description: 'every other member has received up to here (已送达)' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type ConversationView = Static<typeof ConversationView>

export const ConversationsPage = Type.Object({
  items: Type.Array(ConversationView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type ConversationsPage = Static<typeof ConversationsPage>

export const MessagesQuery = Type.Object({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
  afterSeq: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: SEQ_MAX,
      description: 'resume: the messages after this one, oldest first (nextCursor continues forward)',
    }),
  ),
})
export type MessagesQuery = Static<typeof MessagesQuery>

export const MessagesPage = Type.Object({
  items: Type.Array(MessageView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type MessagesPage = Static<typeof MessagesPage>

export const ReadBody = Type.Object(
  { seq: Type.Integer({ minimum: 0, maximum: SEQ_MAX, description: 'everything up to this message has been read' }) },
  { additionalProperties: false },
)
export type ReadBody = Static<typeof ReadBody>

export const OpenedMessage = Type.Object({ text: Type.String(), seconds: Type.Integer() })
export type OpenedMessage = Static<typeof OpenedMessage>

export const ChatTransferBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 5_000_000, description: 'fen' }),
    note: Type.Optional(Text(0, 100)),
    pin: Type.String({ pattern: '^[0-9]{6}$' }),
  },
  { additionalProperties: false },
)
export type ChatTransferBody = Static<typeof ChatTransferBody>

export const ChatTransferResult = Type.Object({ transaction: TransactionView, message: MessageView })
export type ChatTransferResult = Static<typeof ChatTransferResult>
