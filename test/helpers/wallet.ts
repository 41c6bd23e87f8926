import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { call, registerUser, type TestUser } from './app.js'
import { makeIdNumber } from './id-numbers.js'

export const PIN = '482916'

/** A fresh Idempotency-Key. */
export function idem(): string {
  return crypto.randomUUID()
}

/** A registered user who has verified a real name (which opens the wallet) and set the payment PIN {@link PIN}. */
export async function verifiedUserWithPin(app: FastifyInstance, displayName = '钱包用户'): Promise<TestUser> {
  const user = await registerUser(app, displayName)
  await verifyRealName(app, user)
  const pin = await call(app, 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: PIN } })
  if (pin.status !== 204) throw new Error(`PIN failed: ${pin.status} ${JSON.stringify(pin.body)}`)
  return user
}

/** Verifies a real name for the user, which opens their wallet. */
export async function verifyRealName(app: FastifyInstance, user: TestUser): Promise<void> {
  const verified = await call(app, 'POST', '/api/v1/me/real-name', {
    token: user.token,
    body: { name: '王小明', idNumber: makeIdNumber() },
  })
  if (verified.status !== 200) throw new Error(`real-name failed: ${verified.status} ${JSON.stringify(verified.body)}`)
}

/** Tops up from the sandbox funding provider; returns the transaction. */
export async function topUp(app: FastifyInstance, user: TestUser, amount: number): Promise<any> {
  const res = await call(app, 'POST', '/api/v1/wallet/topups', {
    token: user.token,
    body: { amount },
    headers: { 'idempotency-key': idem() },
  })
  if (res.status !== 201) throw new Error(`top-up failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.transaction
}

/** GET /wallet: `{balance, available, currency, sandbox}`. */
export async function walletOf(app: FastifyInstance, user: TestUser): Promise<any> {
  const res = await call(app, 'GET', '/api/v1/wallet', { token: user.token })
  if (res.status !== 200) throw new Error(`wallet failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** Every item of GET /wallet/transactions, following the cursor to the end. */
export async function allTransactions(app: FastifyInstance, user: TestUser): Promise<any[]> {
  const items: any[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100'
    const res = await call(app, 'GET', `/api/v1/wallet/transactions${query}`, { token: user.token })
    if (res.status !== 200) throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`)
    items.push(...res.body.items)
    cursor = res.body.nextCursor
  } while (cursor)
  return items
}
