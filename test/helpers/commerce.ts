import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { SYSTEM_ACCOUNTS } from '../../src/server/ledger/accounts.js'
import { call, type Json, type TestUser } from './app.js'
import { befriend } from './social.js'
import { idem, PIN, topUp, verifiedUserWithPin } from './wallet.js'

export interface Shop {
  seller: TestUser
  buyer: TestUser
  postId: string
}

/** A verified seller with one product post, and a verified, funded buyer who is their friend. */
export async function openShop(
  app: FastifyInstance,
  product: { title?: string; price?: number; stock?: number } = {},
  buyerFunds = 100_000,
): Promise<Shop> {
  const seller = await verifiedUserWithPin(app, '卖家')
  const buyer = await verifiedUserWithPin(app, '买家')
  await befriend(app, seller, buyer)
  if (buyerFunds > 0) await topUp(app, buyer, buyerFunds)
  const postId = await listProduct(app, seller, product)
  return { seller, buyer, postId }
}

export async function listProduct(
  app: FastifyInstance,
  seller: TestUser,
  product: { title?: string; price?: number; stock?: number } = {},
): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/posts', {
    token: seller.token,
    body: {
      text: '朋友价，包邮',
      visibility: { type: 'friends' },
      kind: 'product',
      product: { title: product.title ?? '手工凤梨酥', price: product.price ?? 3_800, stock: product.stock ?? 10 },
    },
  })
  if (res.status !== 201) throw new Error(`listing failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id
}

export function order(app: FastifyInstance, buyer: TestUser, postId: string, quantity = 1, extra = {}): Promise<Json> {
  return call(app, 'POST', '/api/v1/orders', { token: buyer.token, body: { postId, quantity, ...extra } })
}

/** A money-moving order step (pay, confirm, refund) with a fresh Idempotency-Key unless one is given. */
export function step(
  app: FastifyInstance,
  user: TestUser,
  orderId: string,
  action: 'pay' | 'confirm' | 'refund',
  body: unknown = action === 'pay' ? { pin: PIN } : {},
  key = idem(),
): Promise<Json> {
  return call(app, 'POST', `/api/v1/orders/${orderId}/${action}`, {
    token: user.token,
    body,
    headers: { 'idempotency-key': key },
  })
}

export function ship(app: FastifyInstance, seller: TestUser, orderId: string, trackingNote?: string): Promise<Json> {
  return call(app, 'POST', `/api/v1/orders/${orderId}/ship`, {
    token: seller.token,
    // No body at all is fine too: the note is optional.
    ...(trackingNote ? { body: { trackingNote } } : {}),
  })
}

/** The books balance, no wallet is negative, and the escrow account holds exactly the money still in escrow. */
export async function expectBooksBalanced(app: FastifyInstance, escrowHeld?: number): Promise<void> {
  const report = await app.ctx.ledger.audit()
  expect(report.problems).toEqual([])
  expect(report.ok).toBe(true)
  if (escrowHeld !== undefined) {
    const escrow = await app.ctx.database.db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('id', '=', SYSTEM_ACCOUNTS.escrow)
      .executeTakeFirstOrThrow()
    const held = Number(escrow.credits_pending) + Number(escrow.credits_posted) - Number(escrow.debits_posted)
    expect(held).toBe(escrowHeld)
  }
}
