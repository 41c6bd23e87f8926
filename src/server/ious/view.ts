import type { IouView } from '../../shared/api/ious.js'
import type { PersonView } from '../../shared/api/social.js'
import { chinaTime, dateOfDay } from './days.js'
import { owedOn, type Balance } from './interest.js'
import type { IouRow, ReminderRow, RepaymentRow } from './store.js'

export const INTEREST_FORMULA = 'interest = principal × rate/100 × days/365'

/** Reminders go out at 09:00 China time: 3 days before the due date, on it, and the day after (overdue). */
const REMINDER_HOUR = 9
const REMINDERS = [
  { kind: 'iou_due_soon', dayOffset: -3 },
  { kind: 'iou_due_today', dayOffset: 0 },
  { kind: 'iou_overdue', dayOffset: 1 },
] as const

/** The reminders of a loan lent at `now`; those whose time has already passed are not sent at all. */
export function planReminders(iouId: string, dueDay: number, now: number): ReminderRow[] {
  return REMINDERS.map((r) => ({
    iou_id: iouId,
    kind: r.kind,
    due_at: chinaTime(dueDay + r.dayOffset, REMINDER_HOUR),
    sent_at: null,
  })).filter((r) => r.due_at > now)
}

export function balanceOf(row: IouRow, today: number): Balance {
  return {
    principal: row.principal_outstanding,
    rateBp: row.rate_bp,
    interestUnits: row.interest_units,
    accruedDay: row.accrued_day ?? today,
  }
}

/** Active past the due date (China time) is overdue. */
export function statusOf(row: Pick<IouRow, 'status' | 'due_day'>, today: number): IouView['status'] {
  return row.status === 'active' && today > row.due_day ? 'overdue' : (row.status as IouView['status'])
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** What borrower and lender see — nobody else sees an IOU at all. */
export function iouView(
  row: IouRow,
  context: {
    people: Map<string, PersonView>
    repayments: RepaymentRow[]
    reminders: ReminderRow[]
    today: number
    now: number
  },
): IouView {
  const { people, today, now } = context
  const person = (id: string) => people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
  const lent = row.status === 'active' || row.status === 'repaid'
  // A request shows what the loan would cost if it were lent today.
  const balance = lent ? balanceOf(row, today) : { ...balanceOf(row, today), principal: row.principal }
  const owedNow = owedOn(balance, today)
  const owedAtDue = owedOn(balance, Math.max(today, row.due_day))
  const reminders = row.status === 'requested' ? planReminders(row.id, row.due_day, now) : context.reminders
  return {
    id: row.id,
    borrower: person(row.borrower_id),
    lender: person(row.lender_id),
    conversationId: row.conversation_id,
    amount: row.principal,
    currency: 'CNY',
    annualRatePercent: row.rate_bp / 100,
    dueDate: row.due_date,
    purpose: row.purpose,
    status: statusOf(row, today),
    outstanding: lent ? owedNow.total : 0,
    outstandingPrincipal: lent ? owedNow.principal : 0,
    interestOwed: lent ? owedNow.interest : 0,
    interestPaid: row.interest_paid,
    principalPaid: lent ? row.principal - row.principal_outstanding : 0,
    schedule: {
      dueDate: dateOfDay(row.due_day),
      interestAtDueDate: row.status === 'repaid' || row.status === 'declined' ? 0 : owedAtDue.interest,
      totalAtDueDate: row.status === 'repaid' || row.status === 'declined' ? 0 : owedAtDue.total,
      formula: INTEREST_FORMULA,
      reminders: reminders.map((r) => ({
        kind: r.kind as IouView['schedule']['reminders'][number]['kind'],
        at: new Date(r.due_at).toISOString(),
        sent: r.sent_at !== null,
      })),
    },
    repayments: context.repayments.map((r) => ({
      amount: r.amount,
      interest: r.interest,
      principal: r.principal,
      outstandingAfter: r.outstanding_after,
      at: new Date(r.created_at).toISOString(),
    })),
    createdAt: new Date(row.created_at).toISOString(),
    acceptedAt: iso(row.accepted_at),
    settledAt: iso(row.settled_at),
  }
}
