import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../../../src/server/ledger/accounts.js'
import { createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

describe('two-phase holds with a timeout', () => {
  let now = Date.parse('2026-06-01T00:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const ledger = () => testApp.app.ctx.ledger

  async function fundedWallet(amount: number): Promise<string> {
    const user = await registerUser(testApp.app)
    await ledger().openWallet(user.id)
    await ledger().submit({
      transfers: [
        {
          id: `fund-${user.id}`,
          kind: 'single',
          debitAccountId: SYSTEM_ACCOUNTS.funding,
          creditAccountId: walletAccountId(user.id),
          amount,
          code: 'topup',
        },
      ],
    })
    return user.id
  }

  it('holds money out of what is available, and the sweeper voids it once its timeout passes', async () => {
    const userId = await fundedWallet(1_000)
    const hold = await ledger().submit({
      transfers: [
        {
          id: `hold-${userId}`,
          kind: 'pending',
          debitAccountId: walletAccountId(userId),
          creditAccountId: SYSTEM_ACCOUNTS.escrow,
          amount: 600,
          code: 'order',
          timeoutAt: now + 60_000,
        },
      ],
    })
    expect(hold).toMatchObject({ results: ['ok'] })
    expect(await ledger().walletBalance(userId)).toEqual({ balance: 1_000, available: 400 })

    expect(await ledger().voidExpiredHolds()).toBe(0)
    now += 60_000
    const post = await ledger().submit({
      transfers: [{ id: `late-post-${userId}`, kind: 'post', pendingId: `hold-${userId}`, code: 'order' }],
    })
    expect(post).toMatchObject({ results: ['pending_transfer_expired'] })

    const [first, second] = await Promise.all([ledger().voidExpiredHolds(), ledger().voidExpiredHolds()])
    expect((first ?? 0) + (second ?? 0)).toBeGreaterThanOrEqual(1)
    expect(await ledger().walletBalance(userId)).toEqual({ balance: 1_000, available: 1_000 })
    expect(await ledger().voidExpiredHolds()).toBe(0)
    expect((await ledger().audit()).problems).toEqual([])
  })

  it('posts part of a hold and releases the rest', async () => {
    const userId = await fundedWallet(1_000)
    await ledger().submit({
      transfers: [
        {
          id: `hold2-${userId}`,
          kind: 'pending',
          debitAccountId: walletAccountId(userId),
          creditAccountId: SYSTEM_ACCOUNTS.escrow,
          amount: 700,
          code: 'order',
        },
      ],
    })
    const post = await ledger().submit({
      transfers: [{ id: `post2-${userId}`, kind: 'post', pendingId: `hold2-${userId}`, amount: 250, code: 'order' }],
    })
    expect(post).toMatchObject({ results: ['ok'] })
    expect(await ledger().walletBalance(userId)).toEqual({ balance: 750, available: 750 })
    const again = await ledger().submit({
      transfers: [{ id: `void2-${userId}`, kind: 'void', pendingId: `hold2-${userId}`, code: 'order' }],
    })
    expect(again).toMatchObject({ results: ['pending_transfer_already_posted'] })
    expect((await ledger().audit()).ok).toBe(true)
  })

  it('refuses a hold that would overdraw, and links all-or-nothing', async () => {
    const userId = await fundedWallet(100)
    const wallet = walletAccountId(userId)
    const linked = await ledger().submit({
      transfers: [
        {
          id: `l1-${userId}`,
          kind: 'single',
          debitAccountId: wallet,
          creditAccountId: SYSTEM_ACCOUNTS.fees,
          amount: 60,
          code: 'transfer',
        },
        {
          id: `l2-${userId}`,
          kind: 'pending',
          debitAccountId: wallet,
          creditAccountId: SYSTEM_ACCOUNTS.escrow,
          amount: 60,
          code: 'order',
        },
      ],
    })
    expect(linked).toMatchObject({ results: ['linked_event_failed', 'exceeds_credits'], transfers: [] })
    expect(await ledger().walletBalance(userId)).toEqual({ balance: 100, available: 100 })
  })
})
