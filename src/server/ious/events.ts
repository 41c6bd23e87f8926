import type { IOU_REMINDER_KINDS } from '../../shared/api/ious.js'
import type { IouEvent } from '../events/types.js'
import type { IouRow } from './store.js'

/** The event each reminder kind is told as. */
export const REMINDER_EVENTS: Record<(typeof IOU_REMINDER_KINDS)[number], IouEvent['type']> = {
  iou_due_soon: 'iou.due_soon',
  iou_due_today: 'iou.due_today',
  iou_overdue: 'iou.overdue',
}

export function iouEvent(type: IouEvent['type'], iou: IouRow, amount: number, outstanding: number): IouEvent {
  return {
    type,
    iouId: iou.id,
    borrowerId: iou.borrower_id,
    lenderId: iou.lender_id,
    amount,
    outstanding,
    dueDate: iou.due_date,
    purpose: iou.purpose,
  }
}
