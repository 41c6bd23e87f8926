import crypto from 'node:crypto'

export type PacketType = 'lucky' | 'equal'

/** A uniform integer in [min, max]. */
export type Draw = (min: number, max: number) => number

const secureDraw: Draw = (min, max) => crypto.randomInt(min, max + 1)

/**
 * Splits a red packet into its shares, whole fen, summing exactly to the total, each at least 1 fen.
 *
 * `equal`: total / count each (the caller makes sure it divides). `lucky`, the double-mean rule: each share but the
 * last is drawn uniformly from [1, 2 × remaining / sharesLeft] — twice the mean of what is left, so the expected
 * share is the mean however early one grabs — capped so that every later share can still get 1 fen; the last
 * share takes what remains.
 */
export function splitPacket(type: PacketType, total: number, count: number, draw: Draw = secureDraw): number[] {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(count) || count < 1 || total < count) {
    throw new RangeError('a packet needs at least 1 fen per share')
  }
  if (type === 'equal') {
    if (total % count !== 0) throw new RangeError('an equal packet must divide evenly')
    return Array.from({ length: count }, () => total / count)
  }
  const shares: number[] = []
  let remaining = total
  for (let left = count; left > 1; left--) {
    const max = Math.min(Math.floor((2 * remaining) / left), remaining - (left - 1))
    const share = draw(1, Math.max(1, max))
    shares.push(share)
    remaining -= share
  }
  shares.push(remaining)
  return shares
}

/** The claim that got the largest share (the earliest among equals): 手气最佳, once the packet is finished. */
export function bestLuckIndex(amounts: number[]): number {
  let best = 0
  amounts.forEach((amount, i) => {
    if (amount > amounts[best]!) best = i
  })
  return best
}
