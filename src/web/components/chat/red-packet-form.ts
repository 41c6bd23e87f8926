import { checkAmount, type AmountProblem } from '../../lib/amount.js'

export type PacketType = 'lucky' | 'equal'

export interface PacketInput {
  type: PacketType
  /** The total for a lucky packet; each share's amount for an equal one (as WeChat's 单个金额). */
  amountText: string
  countText: string
  available: number | undefined
}

export type PacketProblem =
  { field: 'count'; problem: 'count' } | { field: 'amount'; problem: AmountProblem | 'shareTooSmall' }

/**
 * What the form holds as the API wants it (total and count in whole fen), or the first thing wrong with it. An
 * equal packet is typed per share and multiplied, so its total always divides evenly; the limits (¥200, 100
 * shares) are the server's to set and to say.
 */
export function checkPacket(input: PacketInput): { total: number; count: number } | PacketProblem {
  const count = /^\d{1,4}$/.test(input.countText.trim()) ? Number(input.countText.trim()) : 0
  if (count < 1) return { field: 'count', problem: 'count' }
  const amount = checkAmount(input.amountText)
  if ('problem' in amount) return { field: 'amount', problem: amount.problem }
  const total = input.type === 'equal' ? amount.fen * count : amount.fen
  // Each share at least one fen: the server's rule, caught before the PIN is asked for.
  if (total < count) return { field: 'amount', problem: 'shareTooSmall' }
  if (input.available !== undefined && total > input.available) return { field: 'amount', problem: 'overAvailable' }
  return { total, count }
}
