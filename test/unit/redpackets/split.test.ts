import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bestLuckIndex, splitPacket, type Draw } from '../../../src/server/redpackets/split.js'

/** Records every draw's bounds, so the rule itself can be checked, not just its results. */
function recordingDraw(seed: number) {
  const bounds: Array<[number, number]> = []
  let state = seed || 1
  const draw: Draw = (min, max) => {
    bounds.push([min, max])
    state = (state * 48271) % 2147483647
    return min + (state % (max - min + 1))
  }
  return { draw, bounds }
}

describe('splitting a red packet', () => {
  it('lucky: sums exactly, every share ≥ 1 fen, every draw within [1, 2 × the mean of what is left]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (count, extra, seed) => {
          const total = count + extra
          const { draw, bounds } = recordingDraw(seed)
          const shares = splitPacket('lucky', total, count, draw)
          if (shares.length !== count || shares.reduce((a, b) => a + b, 0) !== total) return false
          if (!shares.every((s) => Number.isInteger(s) && s >= 1)) return false
          let remaining = total
          for (let i = 0; i < count - 1; i++) {
            const left = count - i
            const [min, max] = bounds[i]!
            if (min !== 1 || max > Math.max(1, Math.floor((2 * remaining) / left))) return false
            if (shares[i]! > remaining - (left - 1)) return false
            remaining -= shares[i]!
          }
          return true
        },
      ),
      { numRuns: 300 },
    )
  })

  it('lucky with the real random source: shares vary and average out to the mean', () => {
    const draws = Array.from({ length: 400 }, () => splitPacket('lucky', 10_000, 10))
    for (const shares of draws) expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000)
    const firsts = draws.map((s) => s[0]!)
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length
    expect(new Set(firsts).size).toBeGreaterThan(50)
    expect(mean).toBeGreaterThan(850)
    expect(mean).toBeLessThan(1150)
    expect(Math.max(...firsts)).toBeLessThanOrEqual(2_000)
  })

  it('equal: the same share for everyone; refuses what cannot be split', () => {
    expect(splitPacket('equal', 600, 3)).toEqual([200, 200, 200])
    expect(() => splitPacket('equal', 601, 3)).toThrow(RangeError)
    expect(() => splitPacket('lucky', 2, 3)).toThrow(RangeError)
    expect(splitPacket('lucky', 3, 3)).toEqual([1, 1, 1])
    expect(splitPacket('lucky', 5, 1)).toEqual([5])
  })

  it('marks the largest share, the earliest among equals, as the best luck', () => {
    expect(bestLuckIndex([3, 9, 9, 1])).toBe(1)
    expect(bestLuckIndex([5])).toBe(0)
  })
})
