import { Type, type Static } from 'typebox'
import { MessageView } from './chat.js'
import { PersonView } from './social.js'

const Pin = Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit payment PIN' })
const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' })

export const SendRedPacketBody = Type.Object(
  {
    type: Type.Enum(['lucky', 'equal'], { description: 'lucky: random shares (拼手气); equal: the same for each' }),
    total: Type.Integer({ minimum: 1, description: 'fen; at most ¥200 unless the server allows more' }),
    count: Type.Integer({ minimum: 1, description: 'shares; at most 100 unless the server allows more' }),
    greeting: Type.Optional(Text(0, 40)),
    pin: Pin,
  },
  { additionalProperties: false },
)
export type SendRedPacketBody = Static<typeof SendRedPacketBody>

export const SentRedPacket = Type.Object({ id: Type.String(), message: MessageView })
export type SentRedPacket = Static<typeof SentRedPacket>

export const ClaimResult = Type.Object({
  amount: Type.Integer({ description: 'fen' }),
  currency: Type.Literal('CNY'),
})
export type ClaimResult = Static<typeof ClaimResult>

export const RedPacketView = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  sender: PersonView,
  type: Type.Enum(['lucky', 'equal']),
  greeting: Type.String(),
  total: Type.Integer({ description: 'fen' }),
  count: Type.Integer(),
  currency: Type.Literal('CNY'),
  claims: Type.Array(
    Type.Object({
      user: PersonView,
      amount: Type.Integer(),
      at: Type.String({ format: 'date-time' }),
      bestLuck: Type.Boolean({ description: '手气最佳: the largest share, marked once the packet is finished' }),
    }),
  ),
  remaining: Type.Integer({ description: 'shares not yet claimed' }),
  remainingAmount: Type.Optional(Type.Integer({ description: 'fen not yet claimed: the sender only' })),
  myAmount: Type.Union([Type.Integer(), Type.Null()], { description: "the viewer's share, if they claimed one" }),
  status: Type.Enum(['active', 'finished', 'expired']),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
})
export type RedPacketView = Static<typeof RedPacketView>
