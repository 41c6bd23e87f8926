import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { SYSTEM_ACCOUNTS } from '../../src/server/ledger/accounts.js'
import { findAccount } from '../../src/server/ledger/store.js'
import type { FeedTarget } from '../feed/setup.js'
import { redPacketPeople } from './dataset.js'

export interface SentPacket {
  packetId: string
  senderToken: string
  /** Claimers' bearer tokens (every user but the sender). */
  claimerTokens: string[]
  /** The red-packet holding account's balance before the packet was sent. */
  holdingBefore: number
}

const PIN = '246810'
/** The wallet's largest single top-up (¥50,000): bigger totals are paid in several. */
const TOP_UP_MAX = 5_000_000

/**
 * Bulk-loads the sender and `claimers` verified users with wallets into one group, then, through the API as a
 * person would, sets the sender's PIN, tops the wallet up from the sandbox and sends one lucky packet.
 */
export async function sendPacket(
  target: FeedTarget,
  options: { claimers: number; shares: number; total: number },
): Promise<SentPacket> {
  const { app } = target
  const people = redPacketPeople(options.claimers + 1, target.passwordHash, target.secret, Date.now())
  await target.loader.load(people.tables)
  await target.loader.settle()
  const senderToken = people.tokens[0]!
  await api(app, senderToken, 'PUT', '/api/v1/me/pin', { pin: PIN }, 204)
  for (let paid = 0; paid < options.total; paid += TOP_UP_MAX) {
    const amount = Math.min(TOP_UP_MAX, options.total - paid)
    await api(app, senderToken, 'POST', '/api/v1/wallet/topups', { amount }, 201)
  }
  const holdingBefore = await holdingBalance(app)
  const sent = await api(
    app,
    senderToken,
    'POST',
    `/api/v1/conversations/${people.conversationId}/red-packets`,
    { type: 'lucky', total: options.total, count: options.shares, greeting: '恭喜发财，大吉大利', pin: PIN },
    201,
  )
  return { packetId: (sent as { id: string }).id, senderToken, claimerTokens: people.tokens.slice(1), holdingBefore }
}

export async function holdingBalance(app: FastifyInstance): Promise<number> {
  const account = await findAccount(app.ctx.database.db, SYSTEM_ACCOUNTS.redPackets)
  return account ? account.creditsPosted - account.debitsPosted : 0
}

/** One request through the app, in process; anything but the expected status stops the bench. */
export async function api(
  app: FastifyInstance,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body: unknown,
  expected: number,
): Promise<unknown> {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    ...(body === undefined ? {} : { payload: body as object }),
  })
  if (response.statusCode !== expected) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
  return response.body ? JSON.parse(response.body) : undefined
}
