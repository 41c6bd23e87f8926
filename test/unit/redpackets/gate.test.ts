import { describe, expect, it } from 'vitest'
import { ClaimGate, type Admission } from '../../../src/server/redpackets/gate.js'

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** Starts `n` claims on one packet and reports which have been admitted so far. */
function claims(gate: ClaimGate, n: number, count: number, takenAtLeast = 0) {
  const admitted: Array<Admission | undefined> = Array.from({ length: n }, () => undefined)
  for (let i = 0; i < n; i++) void gate.enter('p', count, takenAtLeast).then((a) => (admitted[i] = a))
  return admitted
}
const going = (all: Array<Admission | undefined>) => all.filter((a) => a?.go).length

describe('the per-packet claim gate', () => {
  it('lets through only as many claims as there may be shares left, and queues the rest', async () => {
    const gate = new ClaimGate()
    const admitted = claims(gate, 10, 3)
    await settle()
    expect(going(admitted)).toBe(3)
    expect(admitted.filter((a) => a === undefined)).toHaveLength(7)
  })

  it('never refuses while shares remain: a claim that misses gives its place to the next in line', async () => {
    const gate = new ClaimGate()
    const admitted = claims(gate, 5, 2)
    await settle()
    const [first, second] = admitted.filter((a) => a?.go) as Array<Admission & { go: true }>
    first!.ticket.leave('missed', 'u1')
    await settle()
    expect(going(admitted)).toBe(3)
    second!.ticket.leave('took', 'u2')
    await settle()
    // One share left, one claim in flight for it: nobody else goes, nobody is refused.
    expect(going(admitted)).toBe(3)
    expect(admitted.filter((a) => a && !a.go)).toHaveLength(0)
    expect(gate.closed('p')).toBeUndefined()
  })

  it('refuses everyone waiting once the last share is taken, and then knows every winner', async () => {
    const gate = new ClaimGate()
    const admitted = claims(gate, 6, 2)
    await settle()
    const inside = admitted.filter((a) => a?.go) as Array<Admission & { go: true }>
    inside[0]!.ticket.leave('took', 'alice')
    inside[1]!.ticket.leave('took', 'bob')
    await settle()
    expect(admitted.filter((a) => a && !a.go).map((a) => !a!.go && a!.closed)).toEqual(Array(4).fill('finished'))
    const closed = gate.closed('p')!
    expect([closed.state, closed.wonBy('alice'), closed.wonBy('carol')]).toEqual(['finished', true, false])
    expect(await gate.enter('p', 2, 0)).toEqual({ go: false, closed: 'finished' })
  })

  it('closes when the database answers "empty" (another process took the rest), without claiming to know the winners', async () => {
    const gate = new ClaimGate()
    const admitted = claims(gate, 4, 3)
    await settle()
    const inside = admitted.filter((a) => a?.go) as Array<Admission & { go: true }>
    inside[0]!.ticket.leave('finished', 'u1')
    await settle()
    expect(admitted.filter((a) => a && !a.go)).toHaveLength(1)
    expect(gate.closed('p')!.wonBy('u1')).toBeUndefined()
  })

  it('refuses at once a packet the row already shows fully taken, instead of queueing for a place that never frees', async () => {
    const gate = new ClaimGate()
    expect(await gate.enter('p', 3, 3)).toEqual({ go: false, closed: 'finished' })
  })

  it('takes a packet closed by the expiry sweep as closed, with its winners unknown', async () => {
    const gate = new ClaimGate()
    gate.close('p', 'expired')
    expect(await gate.enter('p', 5, 1)).toEqual({ go: false, closed: 'expired' })
    expect(gate.closed('p')!.wonBy('anyone')).toBeUndefined()
  })
})
