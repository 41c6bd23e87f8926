import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import type { Push } from '../realtime/push.js'
import { chinaDay } from './days.js'
import { owedOn } from './interest.js'
import { dueReminders, findIou, takeReminder } from './store.js'
import { iouEvent, REMINDER_EVENTS } from './events.js'
import { balanceOf } from './view.js'

/**
 * Sends an active IOU's reminders when they fall due (the housekeeping loop calls it): 3 days before the due date, on
 * it, and once overdue. Each is sent once — the guarded "sent" mark lets one sweeper take it — as an `iou.reminder`
 * frame whose `kind` (iou_due_soon, iou_due_today, iou_overdue) a notifications module can pick up. The borrower gets
 * each; the lender is told too once the loan is overdue.
 */
export class IouReminders {
  constructor(private readonly deps: { db: Db; push: Push; events: Events; clock: () => number }) {}

  async remind(limit = 200): Promise<number> {
    const now = this.deps.clock()
    let sent = 0
    for (const due of await dueReminders(this.deps.db, now, limit)) {
      const iou = await findIou(this.deps.db, due.iou_id)
      // Repaying deletes what is unsent; only an active loan has reminders left.
      if (iou?.status !== 'active') continue
      if (!(await takeReminder(this.deps.db, due.iou_id, due.kind, now))) continue
      sent++
      const outstanding = owedOn(balanceOf(iou, chinaDay(now)), chinaDay(now)).total
      this.deps.events.emit(
        iouEvent(REMINDER_EVENTS[due.kind as keyof typeof REMINDER_EVENTS], iou, iou.principal, outstanding),
      )
      await this.deps.push.toUsers(due.kind === 'iou_overdue' ? [iou.borrower_id, iou.lender_id] : [iou.borrower_id], {
        type: 'iou.reminder',
        data: {
          kind: due.kind,
          iouId: iou.id,
          conversationId: iou.conversation_id,
          borrowerId: iou.borrower_id,
          lenderId: iou.lender_id,
          dueDate: iou.due_date,
          outstanding,
          currency: 'CNY',
        },
      })
    }
    return sent
  }
}
