/**
 * Each member's share in fen as the server will split it: a total divided evenly, the remainder fen going one each
 * to the first members in the order they were picked; or the same amount each.
 */
export function splitShares(mode: 'each' | 'total', fen: number, members: number): number[] {
  if (members <= 0) return []
  if (mode === 'each') return Array.from({ length: members }, () => fen)
  const base = Math.floor(fen / members)
  const remainder = fen - base * members
  return Array.from({ length: members }, (_, i) => base + (i < remainder ? 1 : 0))
}
