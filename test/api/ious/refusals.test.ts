import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { acceptIou, friendsWhoLend, repayIou, writeIou } from '../../helpers/ious.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, verifiedUserWithPin, verifyRealName, walletOf } from '../../helpers/wallet.js'

describe('IOU refusals', () => {
  let now = Date.parse('2026-04-10T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now, env: { LIFECIRCLE_IOU_RATE_CAP_PERCENT: '12.4' } })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const loan = (lenderId: string, extra: object = {}) => ({
    lenderId,
    amount: 5_000,
    annualRatePercent: 6,
    dueDate: '2026-10-10',
    ...extra,
  })

  it('caps the annual rate at the configured legal cap (4 × LPR)', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const over = await writeIou(app(), borrower, loan(lender.id, { annualRatePercent: 12.41 }))
    expect([over.status, over.body.error.code, over.body.error.capPercent]).toEqual([400, 'RATE_ABOVE_LEGAL_CAP', 12.4])
    expect(over.body.error.message).toContain('12.4')
    expect((await writeIou(app(), borrower, loan(lender.id, { annualRatePercent: 12.4 }))).status).toBe(201)
    expect((await writeIou(app(), borrower, loan(lender.id, { annualRatePercent: 0 }))).status).toBe(201)
    // The cap is published, so the form can show it before anyone hits it.
    const rules = await call(app(), 'GET', '/api/v1/ious/rules', { token: borrower.token })
    expect([rules.status, rules.body]).toEqual([200, { annualRateCapPercent: 12.4 }])
  })

  it('needs both parties verified by real name', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const unverifiedBorrower = await registerUser(app())
    await befriend(app(), unverifiedBorrower, lender)
    const byUnverified = await writeIou(app(), unverifiedBorrower, loan(lender.id))
    expect([byUnverified.status, byUnverified.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    const unverifiedLender = await registerUser(app())
    await befriend(app(), borrower, unverifiedLender)
    const toUnverified = await writeIou(app(), borrower, loan(unverifiedLender.id))
    expect([toUnverified.status, toUnverified.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    await verifyRealName(app(), unverifiedLender)
    expect((await writeIou(app(), borrower, loan(unverifiedLender.id))).status).toBe(201)
  })

  it('refuses bad IOUs with a clear code', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const stranger = await verifiedUserWithPin(app())
    const cases: Array<[object, number, string, string?]> = [
      [loan(borrower.id), 400, 'CANNOT_BORROW_FROM_YOURSELF'],
      [loan(stranger.id), 403, 'LENDER_NOT_FRIEND'],
      [loan('01NOBODY'), 403, 'LENDER_NOT_FRIEND'],
      [loan(lender.id, { dueDate: '2026-04-10' }), 400, 'VALIDATION_FAILED', 'dueDate'],
      [loan(lender.id, { dueDate: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'dueDate'],
      [loan(lender.id, { dueDate: '10/10/2026' }), 400, 'VALIDATION_FAILED', 'dueDate'],
      [loan(lender.id, { dueDate: '2040-01-01' }), 400, 'VALIDATION_FAILED', 'dueDate'],
      [loan(lender.id, { annualRatePercent: 1.234 }), 400, 'VALIDATION_FAILED', 'annualRatePercent'],
      [loan(lender.id, { annualRatePercent: -1 }), 400, 'VALIDATION_FAILED', 'annualRatePercent'],
      [loan(lender.id, { amount: 0 }), 400, 'VALIDATION_FAILED', 'amount'],
      [loan(lender.id, { amount: 5_000_001 }), 400, 'VALIDATION_FAILED', 'amount'],
    ]
    for (const [body, status, code, field] of cases) {
      const res = await writeIou(app(), borrower, body)
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([status, code, field])
    }
    // The due date is counted in China time: at 23:00 on 10 April in Shanghai, 11 April is the earliest.
    now = Date.parse('2026-04-10T15:00:00Z')
    expect((await writeIou(app(), borrower, loan(lender.id, { dueDate: '2026-04-11' }))).status).toBe(201)
    now = Date.parse('2026-04-10T16:00:00Z')
    expect((await writeIou(app(), borrower, loan(lender.id, { dueDate: '2026-04-11' }))).status).toBe(400)
  })

  it('lets only the lender accept or decline, only the borrower repay, each in the right state', async () => {
    const { borrower, lender } = await friendsWhoLend(app(), 3_000)
    const { body } = await writeIou(app(), borrower, loan(lender.id))
    const byBorrower = await acceptIou(app(), borrower, body.id)
    expect([byBorrower.status, byBorrower.body.error.code]).toEqual([403, 'FORBIDDEN'])
    const early = await repayIou(app(), borrower, body.id, 100)
    expect([early.status, early.body.error.code, early.body.error.status]).toEqual([
      409,
      'IOU_STATE_INVALID',
      'requested',
    ])
    const wrongPin = await acceptIou(app(), lender, body.id, '000000')
    expect([wrongPin.status, wrongPin.body.error.code]).toEqual([403, 'PIN_INCORRECT'])
    const noKey = await call(app(), 'POST', `/api/v1/ious/${body.id}/accept`, {
      token: lender.token,
      body: { pin: PIN },
    })
    expect([noKey.status, noKey.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED'])

    // The lender has ¥30 of the ¥50 asked: refused, and the refusal is the answer for that key.
    const key = idem()
    const poor = await acceptIou(app(), lender, body.id, PIN, key)
    expect([poor.status, poor.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    expect((await acceptIou(app(), lender, body.id, PIN, key)).body.error.code).toBe('INSUFFICIENT_FUNDS')
    const reused = await acceptIou(app(), lender, body.id, '123456', key)
    expect([reused.status, reused.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED'])
    expect((await call(app(), 'GET', `/api/v1/ious/${body.id}`, { token: borrower.token })).body.status).toBe(
      'requested',
    )

    const declined = await call(app(), 'POST', `/api/v1/ious/${body.id}/decline`, { token: lender.token })
    expect([declined.status, declined.body.status]).toEqual([200, 'declined'])
    const byBorrowerDecline = await call(app(), 'POST', `/api/v1/ious/${body.id}/decline`, { token: borrower.token })
    expect(byBorrowerDecline.status).toBe(403)
    const late = await acceptIou(app(), lender, body.id)
    expect([late.status, late.body.error.code, late.body.error.status]).toEqual([409, 'IOU_STATE_INVALID', 'declined'])

    const small = await writeIou(app(), borrower, loan(lender.id, { amount: 2_000 }))
    const accepted = await acceptIou(app(), lender, small.body.id)
    expect(accepted.body.status).toBe('active')
    const twice = await acceptIou(app(), lender, small.body.id)
    expect([twice.status, twice.body.error.code, twice.body.error.status]).toEqual([409, 'IOU_STATE_INVALID', 'active'])
    const declineActive = await call(app(), 'POST', `/api/v1/ious/${small.body.id}/decline`, { token: lender.token })
    expect([declineActive.status, declineActive.body.error.code]).toEqual([409, 'IOU_STATE_INVALID'])
    const byLender = await repayIou(app(), lender, small.body.id, 100)
    expect([byLender.status, byLender.body.error.code]).toEqual([403, 'FORBIDDEN'])
    const noRepayKey = await repayIou(app(), borrower, small.body.id, 100, { key: null })
    expect(noRepayKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    const badPin = await repayIou(app(), borrower, small.body.id, 100, { pin: '000000' })
    expect(badPin.body.error.code).toBe('PIN_INCORRECT')
    const tooMuch = await repayIou(app(), borrower, small.body.id, 2_001)
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([409, 'REPAYMENT_EXCEEDS_OUTSTANDING'])
    const repayKey = idem()
    const paid = await repayIou(app(), borrower, small.body.id, 500, { key: repayKey })
    expect(await repayIou(app(), borrower, small.body.id, 500, { key: repayKey })).toMatchObject({
      status: 200,
      body: paid.body,
    })
    expect(paid.body.outstanding).toBe(1_500)
    expect((await walletOf(app(), borrower)).balance).toBe(1_500)
    await expectBooksBalanced(app())
  })

  it('cannot be accepted once its due date has passed', async () => {
    const { borrower, lender } = await friendsWhoLend(app())
    const { body } = await writeIou(app(), borrower, loan(lender.id, { dueDate: '2026-04-12' }))
    now = Date.parse('2026-04-11T16:00:00Z')
    const late = await acceptIou(app(), lender, body.id)
    expect([late.status, late.body.error.code]).toEqual([409, 'IOU_DUE_DATE_PASSED'])
    expect((await walletOf(app(), lender)).balance).toBe(1_000_000)
    await expectBooksBalanced(app())
  })
})
