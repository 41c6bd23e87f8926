import type { FastifyInstance } from 'fastify'
import { call, type Json, type TestUser } from './app.js'
import { befriend } from './social.js'
import { idem, PIN, topUp, verifiedUserWithPin } from './wallet.js'

/** A verified borrower and a verified, funded lender who are friends. */
export async function friendsWhoLend(app: FastifyInstance, lenderFunds = 1_000_000) {
  const borrower = await verifiedUserWithPin(app, '借款人')
  const lender = await verifiedUserWithPin(app, '出借人')
  await befriend(app, borrower, lender)
  if (lenderFunds > 0) await topUp(app, lender, lenderFunds)
  return { borrower, lender }
}

export function writeIou(app: FastifyInstance, borrower: TestUser, body: object): Promise<Json> {
  return call(app, 'POST', '/api/v1/ious', { token: borrower.token, body })
}

export function acceptIou(app: FastifyInstance, lender: TestUser, id: string, pin = PIN, key = idem()): Promise<Json> {
  return call(app, 'POST', `/api/v1/ious/${id}/accept`, {
    token: lender.token,
    body: { pin },
    headers: { 'idempotency-key': key },
  })
}

export function repayIou(
  app: FastifyInstance,
  borrower: TestUser,
  id: string,
  amount: number,
  options: { pin?: string; key?: string | null } = {},
): Promise<Json> {
  const key = options.key === undefined ? idem() : options.key
  return call(app, 'POST', `/api/v1/ious/${id}/repayments`, {
    token: borrower.token,
    body: { amount, pin: options.pin ?? PIN },
    headers: key === null ? {} : { 'idempotency-key': key },
  })
}
