import { Type, type Static } from 'typebox'
import { NAME_TEXT_FORMAT } from '../validation/text.js'
import { PersonView } from './social.js'
import { AMOUNT_MAX_PER_OPERATION } from './wallet.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Pin = Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit payment PIN' })
const Title = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[^\\u0000-\\u001f\\u007f]*$',
  format: NAME_TEXT_FORMAT,
})
const Time = Type.String({ format: 'date-time' })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })

/** Members one collection may ask at most. */
export const COLLECTION_MEMBERS_MAX = 500

export const CreateCollectionBody = Type.Object(
  {
    title: Title,
    amountPerMember: Type.Optional(
      Type.Integer({ minimum: 1, maximum: AMOUNT_MAX_PER_OPERATION, description: 'fen each member pays' }),
    ),
    totalAmount: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: AMOUNT_MAX_PER_OPERATION,
        description:
          'fen in all, instead of amountPerMember: split evenly, the remainder fen going one each to the first members in memberIds order',
      }),
    ),
    memberIds: Type.Array(Id, {
      minItems: 1,
      maxItems: COLLECTION_MEMBERS_MAX,
      uniqueItems: true,
      description: 'group members who are to pay, not the collector',
    }),
  },
  { additionalProperties: false },
)
export type CreateCollectionBody = Static<typeof CreateCollectionBody>

export const PayCollectionBody = Type.Object({ pin: Pin }, { additionalProperties: false })
export type PayCollectionBody = Static<typeof PayCollectionBody>

export const CollectionStatus = Type.Enum(['open', 'completed', 'closed'], {
  description: 'completed: every member paid; closed: the collector stopped it',
})

export const CollectionView = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  conversationId: Type.String(),
  title: Type.String(),
  collector: PersonView,
  status: CollectionStatus,
  currency: Type.Literal('CNY'),
  total: Type.Integer({ description: 'fen, every share together' }),
  paidAmount: Type.Integer({ description: 'fen paid so far' }),
  memberCount: Type.Integer(),
  paidCount: Type.Integer(),
  members: Type.Array(
    Type.Object({
      user: PersonView,
      amount: Type.Integer({ description: 'fen' }),
      paid: Type.Boolean(),
      paidAt: Type.Union([Time, Type.Null()]),
    }),
  ),
  mine: Type.Union(
    [
      Type.Object({
        amount: Type.Integer(),
        paid: Type.Boolean(),
        remindersMuted: Type.Boolean(),
      }),
      Type.Null(),
    ],
    { description: "the viewer's own share; null for the collector" },
  ),
  createdAt: Time,
  closedAt: Type.Union([Time, Type.Null()]),
})
export type CollectionView = Static<typeof CollectionView>

export const CollectionPayment = Type.Object({
  status: Type.Literal('paid'),
  amount: Type.Integer({ description: 'fen' }),
  currency: Type.Literal('CNY'),
  transactionId: Type.String(),
  collectionStatus: CollectionStatus,
})
export type CollectionPayment = Static<typeof CollectionPayment>

export const RemindersMuted = Type.Object({ remindersMuted: Type.Boolean() })

export const CollectionsQuery = Type.Object(
  {
    role: Type.Optional(Type.Enum(['collector', 'member'])),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
)
export type CollectionsQuery = Static<typeof CollectionsQuery>

export const CollectionsPage = Type.Object({
  items: Type.Array(CollectionView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type CollectionsPage = Static<typeof CollectionsPage>
