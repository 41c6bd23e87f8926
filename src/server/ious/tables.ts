export interface IousTable {
  id: string
  borrower_id: string
  lender_id: string
  conversation_id: string
  principal: number
  /** Annual rate in basis points: 1200 = 12%. */
  rate_bp: number
  /** YYYY-MM-DD in China time. */
  due_date: string
  /** due_date as days since 1970-01-01. */
  due_day: number
  purpose: string
  /** requested | active | repaid | declined; overdue is active past due_day, derived when read. */
  status: string
  principal_outstanding: number
  /** Accrued, unpaid interest, exactly: in 1/3,650,000 fen. */
  interest_units: number
  /** The China day from which interest is not yet in interest_units. */
  accrued_day: number | null
  interest_paid: number
  version: number
  created_at: number
  accepted_at: number | null
  settled_at: number | null
}

export interface IouRepaymentsTable {
  id: string
  iou_id: string
  transfer_id: string
  amount: number
  interest: number
  principal: number
  outstanding_after: number
  created_at: number
}

export interface IouRemindersTable {
  iou_id: string
  /** iou_due_soon | iou_due_today | iou_overdue */
  kind: string
  due_at: number
  sent_at: number | null
}

export interface IouTables {
  ious: IousTable
  iou_repayments: IouRepaymentsTable
  iou_reminders: IouRemindersTable
}
