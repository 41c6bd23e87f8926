import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app.js'
import { call, createTestApp, type TestApp } from '../../helpers/app.js'
import { expectBooksBalanced, openShop, order, ship, step } from '../../helpers/commerce.js'
import { walletOf } from '../../helpers/wallet.js'

describe('the order scheduler', () => {
  let now = Date.parse('2026-09-01T02:00:00Z')
  const clock = () => now
  let testApp: TestApp | undefined
  let restarted: Awaited<ReturnType<typeof buildApp>> | undefined
  afterAll(async () => {
    await restarted?.close()
    await testApp?.close()
  })

  it('finds due work in the database after a restart: the orders settle as soon as the server is back', async () => {
    testApp = await createTestApp({ clock })
    const { seller, buyer, postId } = await openShop(testApp.app, { price: 1_500, stock: 4 })
    const shipped = (await order(testApp.app, buyer, postId)).body.id as string
    await step(testApp.app, buyer, shipped, 'pay')
    await ship(testApp.app, seller, shipped)
    const unpaid = (await order(testApp.app, buyer, postId, 2)).body.id as string
    await testApp.app.close()

    // Down for eleven days: the server comes back and settles both without being asked.
    now += 11 * 24 * 3600_000
    restarted = await buildApp(testApp.config, { clock })
    const statusOf = async (id: string) =>
      (await call(restarted!, 'GET', `/api/v1/orders/${id}`, { token: buyer.token })).body.status as string
    await expect.poll(() => statusOf(shipped), { timeout: 5_000 }).toBe('completed')
    await expect.poll(() => statusOf(unpaid), { timeout: 5_000 }).toBe('closed')
    expect((await walletOf(restarted, seller)).balance).toBe(1_500)
    expect((await call(restarted, 'GET', `/api/v1/posts/${postId}`, { token: buyer.token })).body.product.stock).toBe(3)
    await expectBooksBalanced(restarted, 0)
  })
})
