import type { FastifyInstance } from 'fastify'
import type { AuditReport } from '../../src/server/ledger/audit.js'
import { api, holdingBalance, type SentPacket } from './setup.js'

export interface PacketChecks {
  audit: Pick<AuditReport, 'ok' | 'accounts' | 'transfers' | 'postedSum' | 'problems'>
  winners: number
  distinctWinners: number
  claimedSum: number
  /** What the 200 responses said, summed: must be the same money the claims table holds. */
  answeredSum: number
  holdingBefore: number
  holdingAfter: number
  status: string
  /** Every check passed. */
  ok: boolean
}

/** After the waves: the ledger audit, and the packet's money as the database and the answers tell it. */
export async function checkPacket(
  app: FastifyInstance,
  sent: SentPacket,
  expected: { shares: number; total: number; answeredAmounts: number[] },
): Promise<PacketChecks> {
  const { db } = app.ctx.database
  await app.ctx.ledger.idle()
  const audit = await app.ctx.ledger.audit()
  const claims = await db
    .selectFrom('red_packet_claims')
    .select(['user_id', 'amount'])
    .where('packet_id', '=', sent.packetId)
    .execute()
  const view = (await api(app, sent.senderToken, 'GET', `/api/v1/red-packets/${sent.packetId}`, undefined, 200)) as {
    status: string
    remaining: number
    remainingAmount: number
  }
  const holdingAfter = await holdingBalance(app)
  const claimedSum = claims.reduce((sum, c) => sum + Number(c.amount), 0)
  const answeredSum = expected.answeredAmounts.reduce((sum, a) => sum + a, 0)
  const distinctWinners = new Set(claims.map((c) => c.user_id)).size
  return {
    audit: {
      ok: audit.ok,
      accounts: audit.accounts,
      transfers: audit.transfers,
      postedSum: audit.postedSum,
      problems: audit.problems,
    },
    winners: claims.length,
    distinctWinners,
    claimedSum,
    answeredSum,
    holdingBefore: sent.holdingBefore,
    holdingAfter,
    status: view.status,
    ok:
      audit.ok &&
      claims.length === expected.shares &&
      distinctWinners === expected.shares &&
      expected.answeredAmounts.length === expected.shares &&
      claimedSum === expected.total &&
      answeredSum === expected.total &&
      holdingAfter === sent.holdingBefore &&
      view.status === 'finished' &&
      view.remaining === 0 &&
      view.remainingAmount === 0,
  }
}
