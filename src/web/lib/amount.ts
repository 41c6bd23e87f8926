import { AMOUNT_MAX_PER_OPERATION } from '../../shared/api/wallet.js'
import { parseYuanToFen } from './money.js'

/** The longest note a transfer or payment request may carry (the API's limit). */
export const NOTE_MAX_LENGTH = 100

export type AmountProblem = 'required' | 'invalid' | 'tooSmall' | 'tooLarge' | 'overAvailable'

/** What the amount field holds, as fen ready for the API, or why it cannot be sent. */
export function checkAmount(
  text: string,
  options: { available?: number } = {},
): { fen: number } | { problem: AmountProblem } {
  if (text.trim() === '') return { problem: 'required' }
  const fen = parseYuanToFen(text)
  if (fen === undefined) return { problem: 'invalid' }
  if (fen <= 0) return { problem: 'tooSmall' }
  if (fen > AMOUNT_MAX_PER_OPERATION) return { problem: 'tooLarge' }
  if (options.available !== undefined && fen > options.available) return { problem: 'overAvailable' }
  return { fen }
}
