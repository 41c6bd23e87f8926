import { Type, type Static } from 'typebox'
import { PersonView } from './social.js'
import { AMOUNT_MAX_PER_OPERATION } from './wallet.js'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Pin = Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit payment PIN' })
const Amount = Type.Integer({ minimum: 1, maximum: AMOUNT_MAX_PER_OPERATION, description: 'fen' })
const Time = Type.String({ format: 'date-time' })
const Cursor = Type.String({ minLength: 1, maxLength: 200 })
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })

export const CreateIouBody = Type.Object(
  {
    lenderId: Id,
    amount: Amount,
    annualRatePercent: Type.Number({
      minimum: 0,
      maximum: 100,
      description: 'simple annual rate, at most two decimals, at most the legal cap (4 × the one-year LPR)',
    }),
    dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, China time, after today' }),
    purpose: Type.Optional(Type.String({ maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })),
  },
  { additionalProperties: false },
)
export type CreateIouBody = Static<typeof CreateIouBody>

export const PinBody = Type.Object({ pin: Pin }, { additionalProperties: false })
export const RepaymentBody = Type.Object({ amount: Amount, pin: Pin }, { additionalProperties: false })
export type RepaymentBody = Static<typeof RepaymentBody>

export const IouStatus = Type.Enum(['requested', 'active', 'overdue', 'repaid', 'declined'], {
  description: 'overdue: active after the due date (China time)',
})

export const IOU_REMINDER_KINDS = ['iou_due_soon', 'iou_due_today', 'iou_overdue'] as const

export const IouView = Type.Object({
  id: Type.String(),
  borrower: PersonView,
  lender: PersonView,
  conversationId: Type.String(),
  amount: Type.Integer({ description: 'fen lent' }),
  currency: Type.Literal('CNY'),
  annualRatePercent: Type.Number(),
  dueDate: Type.String(),
  purpose: Type.String(),
  status: IouStatus,
  outstanding: Type.Integer({ description: 'fen that settle it today: principal + interest owed' }),
  outstandingPrincipal: Type.Integer(),
  interestOwed: Type.Integer({ description: 'interest accrued and unpaid, to today, in whole fen' }),
  interestPaid: Type.Integer(),
  principalPaid: Type.Integer(),
  schedule: Type.Object(
    {
      dueDate: Type.String(),
      interestAtDueDate: Type.Integer({ description: 'interest owed on the due date if nothing more is repaid' }),
      totalAtDueDate: Type.Integer({ description: 'what settles it on the due date if nothing more is repaid' }),
      formula: Type.String(),
      reminders: Type.Array(Type.Object({ kind: Type.Enum([...IOU_REMINDER_KINDS]), at: Time, sent: Type.Boolean() })),
    },
    { description: 'interest = principal × rate/100 × days/365, days counted in China time from the day lent' },
  ),
  repayments: Type.Array(
    Type.Object({
      amount: Type.Integer(),
      interest: Type.Integer(),
      principal: Type.Integer(),
      outstandingAfter: Type.Integer(),
      at: Time,
    }),
  ),
  createdAt: Time,
  acceptedAt: Type.Union([Time, Type.Null()]),
  settledAt: Type.Union([Time, Type.Null()]),
})
export type IouView = Static<typeof IouView>

export const RepaymentResult = Type.Object({
  outstanding: Type.Integer({ description: 'fen still owed; 0 once repaid' }),
  status: IouStatus,
  currency: Type.Literal('CNY'),
  amount: Type.Integer(),
  interest: Type.Integer({ description: 'of the amount, fen that paid interest' }),
  principal: Type.Integer({ description: 'of the amount, fen that paid principal' }),
  transactionId: Type.String(),
})
export type RepaymentResult = Static<typeof RepaymentResult>

export const IousQuery = Type.Object(
  {
    role: Type.Optional(Type.Enum(['borrower', 'lender'])),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
)
export type IousQuery = Static<typeof IousQuery>

export const IousPage = Type.Object({
  items: Type.Array(IouView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type IousPage = Static<typeof IousPage>

export const IouRules = Type.Object({
  annualRateCapPercent: Type.Number({
    description: 'the legal cap on the annual rate: 4 × the one-year LPR, configured',
  }),
})
export type IouRules = Static<typeof IouRules>
