import { ValidationError } from '../errors.js'

/**
 * Each member's share in fen, in the order the collector listed them. `amountPerMember`: that, each. `totalAmount`:
 * the total divided evenly, the remainder fen going one each to the first members of the list — the collector's
 * order, so the collector decides who rounds up, and the same request always gives the same shares.
 */
export function splitCollection(
  body: { amountPerMember?: number | undefined; totalAmount?: number | undefined },
  members: number,
  shareMax: number,
): number[] {
  const { amountPerMember, totalAmount } = body
  if (amountPerMember !== undefined && totalAmount !== undefined) throw new ValidationError('totalAmount')
  if (amountPerMember !== undefined) {
    if (amountPerMember > shareMax) throw new ValidationError('amountPerMember')
    return Array.from({ length: members }, () => amountPerMember)
  }
  if (totalAmount === undefined) throw new ValidationError('amountPerMember', 'required')
  if (totalAmount < members) throw new ValidationError('totalAmount')
  const base = Math.floor(totalAmount / members)
  const remainder = totalAmount - base * members
  if (base + (remainder > 0 ? 1 : 0) > shareMax) throw new ValidationError('totalAmount')
  return Array.from({ length: members }, (_, i) => base + (i < remainder ? 1 : 0))
}
