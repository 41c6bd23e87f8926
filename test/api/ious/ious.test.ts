import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { acceptIou, friendsWhoLend, repayIou, writeIou } from '../../helpers/ious.js'
import { topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

const DAY = 24 * 3600_000

describe('IOUs (借條)', () => {
  // 10:00 on 1 March 2026 in China.
  let now = Date.parse('2026-03-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const get = (user: TestUser, url: string) => call(app(), 'GET', `/api/v1${url}`, { token: user.token })

  it('is written by the borrower, posted to the direct chat, and funded lender → borrower when accepted', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const written = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 100_000,
      annualRatePercent: 12,
      dueDate: '2026-12-31',
      purpose: '交房租',
    })
    expect(written.status).toBe(201)
    expect(written.body).toMatchObject({ status: 'requested', amount: 100_000, annualRatePercent: 12, outstanding: 0 })
    expect(written.body.schedule).toMatchObject({
      dueDate: '2026-12-31',
      interestAtDueDate: ((100_000 * 0.12 * 305) / 365) | 0,
    })
    const chat = await get(lender, `/conversations/${written.body.conversationId}/messages`)
    expect(chat.body.items[0].card).toEqual({ type: 'iou', id: written.body.id, text: '交房租', amount: 100_000 })

    const accepted = await acceptIou(app(), lender, written.body.id)
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ status: 'active', outstanding: 100_000, interestOwed: 0 })
    expect(accepted.body.schedule.reminders.map((r: { kind: string; at: string }) => [r.kind, r.at])).toEqual([
      ['iou_due_soon', '2026-12-28T01:00:00.000Z'],
      ['iou_due_today', '2026-12-31T01:00:00.000Z'],
      ['iou_overdue', '2027-01-01T01:00:00.000Z'],
    ])
    expect((await walletOf(app(), borrower)).balance).toBe(100_000)
    expect((await walletOf(app(), lender)).balance).toBe(900_000)
    const history = (await get(borrower, '/wallet/transactions')).body.items
    expect(history[0]).toMatchObject({ category: 'iou_loan', amount: 100_000, counterparty: { id: lender.id } })

    for (const user of [borrower, lender]) {
      expect((await get(user, `/ious/${written.body.id}`)).body.status).toBe('active')
      expect((await get(user, '/ious')).body.items.map((i: { id: string }) => i.id)).toContain(written.body.id)
    }
    expect((await get(lender, '/ious?role=borrower')).body.items).toEqual([])
    const outsider = await verifiedUserWithPin(app())
    expect((await get(outsider, `/ious/${written.body.id}`)).status).toBe(404)
    expect((await acceptIou(app(), outsider, written.body.id)).status).toBe(404)
    expect((await repayIou(app(), outsider, written.body.id, 1)).status).toBe(404)
    expect((await get(outsider, '/ious')).body.items).toEqual([])
    await expectBooksBalanced(app())
  })

  it('accrues simple interest by day and takes repayments interest first, then principal, to repaid', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const { body } = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 100_000,
      annualRatePercent: 12,
      dueDate: '2027-02-01',
    })
    await acceptIou(app(), lender, body.id)
    now += 25 * DAY
    // 100,000 × 12% × 25 / 365 = 821.92 → 822
    expect((await get(borrower, `/ious/${body.id}`)).body).toMatchObject({ interestOwed: 822, outstanding: 100_822 })
    const part = await repayIou(app(), borrower, body.id, 10_000)
    expect(part.body).toEqual({
      outstanding: 90_822,
      status: 'active',
      currency: 'CNY',
      amount: 10_000,
      interest: 822,
      principal: 9_178,
      transactionId: part.body.transactionId,
    })
    now += 4 * DAY
    // 0.08 fen paid ahead by rounding up, against 90,822 × 12% × 4 / 365 = 119.44: 119.35 → 119
    const view = (await get(lender, `/ious/${body.id}`)).body
    expect(view).toMatchObject({ interestOwed: 119, outstandingPrincipal: 90_822, outstanding: 90_941 })
    const over = await repayIou(app(), borrower, body.id, 90_942)
    expect([over.status, over.body.error.code, over.body.error.outstanding]).toEqual([
      409,
      'REPAYMENT_EXCEEDS_OUTSTANDING',
      90_941,
    ])
    // The loan covers the principal; the interest comes from the borrower's own money.
    await topUp(app(), borrower, 941)
    const rest = await repayIou(app(), borrower, body.id, 90_941)
    expect(rest.body).toMatchObject({ outstanding: 0, status: 'repaid', interest: 119, principal: 90_822 })
    const done = (await get(borrower, `/ious/${body.id}`)).body
    expect(done).toMatchObject({ status: 'repaid', outstanding: 0, interestPaid: 941, principalPaid: 100_000 })
    expect(done.repayments.map((r: { outstandingAfter: number }) => r.outstandingAfter)).toEqual([90_822, 0])
    expect(done.schedule.reminders).toEqual([])
    expect((await walletOf(app(), lender)).balance).toBe(1_000_000 + 941)
    expect((await walletOf(app(), borrower)).balance).toBe(0)
    const again = await repayIou(app(), borrower, body.id, 1)
    expect([again.status, again.body.error.code, again.body.error.status]).toEqual([409, 'IOU_STATE_INVALID', 'repaid'])
    await expectBooksBalanced(app())
  })

  it('turns overdue after the due date in China time, keeps accruing, and reminds 3 days before, on the day and after', async () => {
    now = Date.parse('2026-06-01T02:00:00Z')
    const { borrower, lender } = await friendsWhoLend(app())
    const { body } = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 36_500,
      annualRatePercent: 10,
      dueDate: '2026-06-11',
    })
    await acceptIou(app(), lender, body.id)
    const push = vi.spyOn(app().ctx.push, 'toUsers')
    const sweep = async () => {
      await app().ctx.iouReminders.remind()
      return push.mock.calls
        .filter(([, f]) => f.type === 'iou.reminder' && (f.data as { iouId: string }).iouId === body.id)
        .map(([users, f]) => [(f.data as { kind: string }).kind, [...users]])
    }
    now = Date.parse('2026-06-08T00:59:59Z')
    expect(await sweep()).toEqual([])
    now = Date.parse('2026-06-08T01:00:00Z')
    expect(await sweep()).toEqual([['iou_due_soon', [borrower.id]]])
    expect(await sweep()).toHaveLength(1)
    now = Date.parse('2026-06-11T15:59:59Z')
    expect((await get(borrower, `/ious/${body.id}`)).body.status).toBe('active')
    expect(await sweep()).toEqual([
      ['iou_due_soon', [borrower.id]],
      ['iou_due_today', [borrower.id]],
    ])
    // Midnight in Shanghai: the due date has passed.
    now = Date.parse('2026-06-11T16:00:00Z')
    const overdue = (await get(lender, `/ious/${body.id}`)).body
    // 36,500 × 10% × 11 days / 365 = 110 fen, and interest keeps running at the same rate.
    expect(overdue).toMatchObject({ status: 'overdue', interestOwed: 110, outstanding: 36_610 })
    now = Date.parse('2026-06-12T01:00:00Z')
    expect((await sweep()).at(-1)).toEqual(['iou_overdue', [borrower.id, lender.id]])
    now += 9 * DAY
    expect((await get(lender, `/ious/${body.id}`)).body.interestOwed).toBe(200)
    const part = await repayIou(app(), borrower, body.id, 500)
    expect(part.body).toMatchObject({ status: 'overdue', outstanding: 36_200 })
    expect(await sweep()).toHaveLength(3)
    push.mockRestore()
    await expectBooksBalanced(app())
  })

  it('lets exactly one of two repayments racing for the last fen through', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const { body } = await writeIou(app(), borrower, {
      lenderId: lender.id,
      amount: 10_000,
      annualRatePercent: 0,
      dueDate: '2027-06-01',
    })
    await acceptIou(app(), lender, body.id)
    const partials = await Promise.all(Array.from({ length: 4 }, () => repayIou(app(), borrower, body.id, 6_000)))
    expect(partials.filter((r) => r.status === 200)).toHaveLength(1)
    for (const r of partials.filter((p) => p.status !== 200)) {
      expect(r.body.error).toMatchObject({ code: 'REPAYMENT_EXCEEDS_OUTSTANDING', outstanding: 4_000 })
    }
    await repayIou(app(), borrower, body.id, 3_999)
    const last = await Promise.all([repayIou(app(), borrower, body.id, 1), repayIou(app(), borrower, body.id, 1)])
    expect(last.map((r) => r.status).sort()).toEqual([200, 409])
    expect(last.find((r) => r.status === 409)!.body.error).toMatchObject({
      code: 'IOU_STATE_INVALID',
      status: 'repaid',
    })
    expect(last.find((r) => r.status === 200)!.body).toMatchObject({ outstanding: 0, status: 'repaid' })
    expect((await walletOf(app(), borrower)).balance).toBe(0)
    expect((await walletOf(app(), lender)).balance).toBe(1_000_000)
    await expectBooksBalanced(app())
  })
})
