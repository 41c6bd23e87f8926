import { Type, type Static } from 'typebox'
import { PersonView } from './social.js'

/** Why money moved; the web app gives each its icon. */
export const CATEGORIES = [
  'topup',
  'withdrawal',
  'transfer',
  'request',
  'tip',
  'red_packet',
  'red_packet_refund',
  'order',
  'order_refund',
  'collection',
  'iou_loan',
  'iou_repayment',
] as const
export type Category = (typeof CATEGORIES)[number]

/** ¥50,000 in fen: the most one top-up, withdrawal, transfer or payment request may move. */
export const AMOUNT_MAX_PER_OPERATION = 5_000_000

const Amount = Type.Integer({
  minimum: 1,
  maximum: AMOUNT_MAX_PER_OPERATION,
  description: 'fen (分), a positive integer: 1234 = ¥12.34',
})
const Pin = Type.String({ pattern: '^\\d{6}$', description: '6-digit payment PIN' })
const Note = Type.String({ maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })
const Currency = Type.Literal('CNY')
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })

export const Person = Type.Object({ id: Type.String(), displayName: Type.String() })
export type Person = Static<typeof Person>

export const WalletView = Type.Object({
  balance: Type.Integer(),
  available: Type.Integer({ description: 'balance − pending holds' }),
  currency: Currency,
  sandbox: Type.Boolean({ description: 'true: money from the built-in sandbox funding provider, not real money' }),
})
export type WalletView = Static<typeof WalletView>

export const TransactionView = Type.Object({
  id: Type.String(),
  category: Type.Enum([...CATEGORIES]),
  amount: Type.Integer({ description: 'signed: + money in, − money out' }),
  currency: Currency,
  counterparty: Type.Union([Person, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['completed', 'pending', 'voided']),
  createdAt: Type.String({ format: 'date-time' }),
  sandbox: Type.Optional(Type.Boolean()),
})
export type TransactionView = Static<typeof TransactionView>

export const TransactionResult = Type.Object({ transaction: TransactionView })
export type TransactionResult = Static<typeof TransactionResult>

export const TopUpBody = Type.Object({ amount: Amount }, { additionalProperties: false })
export type TopUpBody = Static<typeof TopUpBody>

export const WithdrawBody = Type.Object({ amount: Amount, pin: Pin }, { additionalProperties: false })
export type WithdrawBody = Static<typeof WithdrawBody>

export const TransferBody = Type.Object(
  { toUserId: Type.String({ minLength: 1, maxLength: 64 }), amount: Amount, note: Type.Optional(Note), pin: Pin },
  { additionalProperties: false },
)
export type TransferBody = Static<typeof TransferBody>

export const PageQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) })
export type PageQuery = Static<typeof PageQuery>

export const TransactionsPage = Type.Object({
  items: Type.Array(TransactionView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type TransactionsPage = Static<typeof TransactionsPage>

export const PaymentRequestBody = Type.Object(
  { fromUserId: Type.String({ minLength: 1, maxLength: 64 }), amount: Amount, note: Type.Optional(Note) },
  { additionalProperties: false },
)
export type PaymentRequestBody = Static<typeof PaymentRequestBody>

export const PaymentRequestView = Type.Object({
  id: Type.String(),
  status: Type.Enum(['open', 'paid', 'declined']),
  amount: Type.Integer(),
  currency: Currency,
  note: Type.Union([Type.String(), Type.Null()]),
  requester: PersonView,
  payer: PersonView,
  createdAt: Type.String({ format: 'date-time' }),
  settledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type PaymentRequestView = Static<typeof PaymentRequestView>

export const PaymentRequestsQuery = Type.Object({
  direction: Type.Enum(['incoming', 'outgoing'], {
    description: 'incoming: requests you are asked to pay; outgoing: requests you sent',
  }),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
})
export type PaymentRequestsQuery = Static<typeof PaymentRequestsQuery>

export const PaymentRequestsPage = Type.Object({
  items: Type.Array(PaymentRequestView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const PayRequestBody = Type.Object({ pin: Pin }, { additionalProperties: false })
export const PayRequestResult = Type.Object({ status: Type.Literal('paid'), transaction: TransactionView })
export type PayRequestResult = Static<typeof PayRequestResult>
export const DeclineResult = Type.Object({ status: Type.Literal('declined') })

export const BillQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  percentile: Type.Optional(Type.Boolean({ description: 'opt in to see where your spending ranks among all users' })),
})
export type BillQuery = Static<typeof BillQuery>

const Flow = { in: Type.Integer({ minimum: 0 }), out: Type.Integer({ minimum: 0 }) }
export const Bill = Type.Object({
  year: Type.Integer(),
  currency: Currency,
  totalIn: Type.Integer({ minimum: 0 }),
  totalOut: Type.Integer({ minimum: 0 }),
  byCategory: Type.Array(Type.Object({ category: Type.Enum([...CATEGORIES]), ...Flow })),
  byMonth: Type.Array(Type.Object({ month: Type.Integer({ minimum: 1, maximum: 12 }), ...Flow })),
  percentile: Type.Optional(
    Type.Number({ minimum: 0, maximum: 100, description: 'share of users who spent less than you this year' }),
  ),
})
export type Bill = Static<typeof Bill>
