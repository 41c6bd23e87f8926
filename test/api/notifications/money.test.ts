import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { circle, collect, payCollection } from '../../helpers/collections.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { acceptIou, friendsWhoLend, repayIou, writeIou } from '../../helpers/ious.js'
import { kindsOf as allKindsOf, latestOf, notificationsOf } from '../../helpers/notifications.js'

const DAY = 24 * 3600_000

/** Leaves out the friend requests that made the circle. */
const kindsOf = async (...args: Parameters<typeof allKindsOf>) =>
  (await allKindsOf(...args)).filter((kind) => !kind.startsWith('friend_request.'))

describe('notifications of group collections and IOUs', () => {
  // 10:00 on 1 March 2026 in China.
  let now = Date.parse('2026-03-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const post = (user: TestUser, url: string) => call(app(), 'POST', `/api/v1${url}`, { token: user.token })

  it('asks each member for their share, tells the collector of each payment, reminds and tells of the close', async () => {
    const { collector, members, groupId } = await circle(app(), 3)
    const [first, second, third] = members as [TestUser, TestUser, TestUser]
    const made = await collect(app(), collector, groupId, {
      title: '周五聚餐',
      totalAmount: 1_000,
      memberIds: [first.id, second.id, third.id],
    })
    expect(made.status).toBe(201)
    const id = made.body.id as string
    const ref = { type: 'collection', id }
    expect(await latestOf(app(), first)).toMatchObject({
      kind: 'collection.requested',
      actor: { id: collector.id },
      ref,
      data: { title: '周五聚餐', amount: 334, currency: 'CNY' },
    })
    expect(await latestOf(app(), third)).toMatchObject({ kind: 'collection.requested', data: { amount: 333 } })
    expect(await kindsOf(app(), collector)).toEqual([])

    expect((await payCollection(app(), first, id)).status).toBe(200)
    expect(await latestOf(app(), collector)).toMatchObject({
      kind: 'collection.paid',
      actor: { id: first.id },
      ref,
      data: { title: '周五聚餐', amount: 334 },
    })

    // A day on: the two who have not paid are reminded, except the one who switched it off; the payer is not.
    await post(third, `/collections/${id}/reminders/mute`)
    now += DAY + 1
    await app().ctx.collections.remind()
    expect(await latestOf(app(), second)).toMatchObject({ kind: 'collection.reminder', actor: { id: collector.id } })
    expect(await kindsOf(app(), third)).toEqual(['collection.requested'])
    expect(await kindsOf(app(), first)).toEqual(['collection.requested'])

    expect((await post(collector, `/collections/${id}/close`)).status).toBe(200)
    expect(await latestOf(app(), second)).toMatchObject({ kind: 'collection.closed', ref, data: { amount: 333 } })
    expect(await latestOf(app(), third)).toMatchObject({ kind: 'collection.closed' })
    expect(await kindsOf(app(), first)).toEqual(['collection.requested'])
    await expectBooksBalanced(app())
  })

  it('tells the lender of the request and each repayment, the borrower of the answer and the reminders', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const dueDate = new Date(now + 10 * DAY).toISOString().slice(0, 10)
    const written = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 50_000,
      annualRatePercent: 0,
      dueDate,
      purpose: '买电脑',
    })
    const id = written.body.id as string
    const ref = { type: 'iou', id }
    expect(await latestOf(app(), lender)).toMatchObject({
      kind: 'iou.requested',
      actor: { id: borrower.id },
      ref,
      data: { amount: 50_000, currency: 'CNY', dueDate, note: '买电脑' },
    })
    expect((await acceptIou(app(), lender, id)).status).toBe(200)
    expect(await latestOf(app(), borrower)).toMatchObject({
      kind: 'iou.accepted',
      actor: { id: lender.id },
      data: { amount: 50_000, outstanding: 50_000 },
    })

    expect((await repayIou(app(), borrower, id, 20_000)).status).toBe(200)
    expect(await latestOf(app(), lender)).toMatchObject({
      kind: 'iou.repayment',
      actor: { id: borrower.id },
      data: { amount: 20_000, outstanding: 30_000 },
    })

    // 3 days before, on the day, and the day after: the borrower hears each, the lender only of the overdue one.
    now += 8 * DAY
    await app().ctx.iouReminders.remind()
    now += 3 * DAY
    await app().ctx.iouReminders.remind()
    const reminders = (await kindsOf(app(), borrower)).filter((k) => k.startsWith('iou.due') || k === 'iou.overdue')
    expect(reminders).toEqual(['iou.overdue', 'iou.due_today', 'iou.due_soon'])
    const overdue = (await notificationsOf(app(), lender)).items[0]
    expect(overdue).toMatchObject({ kind: 'iou.overdue', actor: null, ref, data: { outstanding: 30_000, dueDate } })

    expect((await repayIou(app(), borrower, id, 30_000)).body.status).toBe('repaid')
    expect(await latestOf(app(), lender)).toMatchObject({
      kind: 'iou.repaid',
      data: { amount: 30_000, outstanding: 0 },
    })
    await expectBooksBalanced(app())
  })

  it('tells the borrower when the lender declines', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const dueDate = new Date(now + 30 * DAY).toISOString().slice(0, 10)
    const written = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 8_800,
      annualRatePercent: 6,
      dueDate,
    })
    await post(lender, `/ious/${written.body.id}/decline`)
    await post(lender, `/ious/${written.body.id}/decline`)
    expect(await kindsOf(app(), borrower)).toEqual(['iou.declined'])
    expect(await latestOf(app(), borrower)).toMatchObject({ actor: { id: lender.id }, data: { amount: 8_800 } })
    expect((await latestOf(app(), borrower)).data.note).toBeUndefined()
  })
})
