import { Type, type Static } from 'typebox'
import { PersonView } from './social.js'
import { MediaView } from './feed.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
const Pin = Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit payment PIN' })
/** Free text: any character but control characters other than newline and tab. */
const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' })

export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'completed', 'refunded', 'closed'] as const
export const OrderStatus = Type.Enum([...ORDER_STATUSES])
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const ORDER_QUANTITY_MAX = 99
export const ADDRESS_MAX = 300
export const TRACKING_NOTE_MAX = 200

export const CreateOrderBody = Type.Object(
  {
    postId: Id,
    quantity: Type.Integer({ minimum: 1, maximum: ORDER_QUANTITY_MAX }),
    shippingAddress: Type.Optional(Text(1, ADDRESS_MAX)),
  },
  { additionalProperties: false },
)
export type CreateOrderBody = Static<typeof CreateOrderBody>

export const PayOrderBody = Type.Object({ pin: Pin }, { additionalProperties: false })
export type PayOrderBody = Static<typeof PayOrderBody>

export const PayRequestBody = Type.Object({ friendId: Id }, { additionalProperties: false })
export type PayRequestBody = Static<typeof PayRequestBody>

export const ShipBody = Type.Object(
  { trackingNote: Type.Optional(Text(1, TRACKING_NOTE_MAX)) },
  { additionalProperties: false },
)
export type ShipBody = Static<typeof ShipBody>

export const RefundBody = Type.Object({ reason: Type.Optional(Text(1, 200)) }, { additionalProperties: false })
export type RefundBody = Static<typeof RefundBody>

export const AddressBody = Type.Object({ shippingAddress: Text(1, ADDRESS_MAX) }, { additionalProperties: false })
export type AddressBody = Static<typeof AddressBody>

export const EditProductBody = Type.Object(
  {
    price: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5_000_000, description: 'fen; orders already placed keep theirs' }),
    ),
    stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'units left to sell' })),
    delisted: Type.Optional(Type.Boolean({ description: 'true: no new orders; orders already placed go on' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type EditProductBody = Static<typeof EditProductBody>

export const TimelineEntry = Type.Object({
  status: Type.Enum([...ORDER_STATUSES, 'pay_requested', 'refund_requested', 'refund_declined']),
  at: Type.String({ format: 'date-time' }),
})

export const OrderView = Type.Object({
  id: Type.String(),
  status: OrderStatus,
  role: Type.Enum(['buyer', 'seller', 'payer'], { description: "the viewer's part in this order" }),
  postId: Type.String({ description: 'the product post' }),
  title: Type.String(),
  image: Type.Union([MediaView, Type.Null()]),
  quantity: Type.Integer(),
  unitPrice: Type.Integer({ description: 'fen, as when ordered' }),
  total: Type.Integer({ description: 'fen' }),
  currency: Type.Literal('CNY'),
  buyer: PersonView,
  seller: PersonView,
  paidBy: Type.Union([PersonView, Type.Null()], { description: 'who paid: the buyer or the friend asked (代付)' }),
  payRequest: Type.Union([
    Type.Object({ friend: PersonView, expiresAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
  shippingAddress: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'buyer and seller only' })),
  trackingNote: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'buyer and seller only' })),
  refundRequested: Type.Boolean({ description: 'the buyer asked for a refund after shipping; the clock is paused' }),
  refundReason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'buyer and seller only' })),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'created: closes unpaid at this time',
  }),
  autoConfirmAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'shipped: completes by itself at this time unless a refund is requested',
  }),
  timeline: Type.Array(TimelineEntry),
  createdAt: Type.String({ format: 'date-time' }),
})
export type OrderView = Static<typeof OrderView>

export const OrdersQuery = Type.Object({
  role: Type.Optional(Type.Enum(['buyer', 'seller', 'payer'], { default: 'buyer' })),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
})
export type OrdersQuery = Static<typeof OrdersQuery>

export const OrdersPage = Type.Object({
  items: Type.Array(OrderView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type OrdersPage = Static<typeof OrdersPage>
