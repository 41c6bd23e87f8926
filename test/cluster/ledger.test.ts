import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, type Json, type TestUser } from '../helpers/app.js'
import { createTestCluster, type TestCluster } from '../helpers/cluster.js'
import { describeIfCluster } from '../helpers/optional.js'
import { befriend } from '../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../helpers/wallet.js'

describeIfCluster('the ledger written by two processes at once', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await createTestCluster()
  })
  afterAll(() => cluster.close())

  it('moves money between hot accounts in both directions without deadlock, loss or duplicate', async () => {
    const hot = await Promise.all([0, 1, 2].map((i) => verifiedUserWithPin(cluster.a, `热门${i}`)))
    const others = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => verifiedUserWithPin(cluster.b, `用户${i}`)))
    const everyone = [...hot, ...others]
    for (const [i, a] of everyone.entries()) for (const b of everyone.slice(i + 1)) await befriend(cluster.a, a, b)
    for (const user of everyone) await topUp(cluster.a, user, 10_000)

    // Every pair of hot accounts in both directions, and the others paying the hot ones, through A and B at once:
    // batches on the two processes lock overlapping sets of accounts.
    interface Move {
      from: TestUser
      to: TestUser
      amount: number
      key: string
      via: 'a' | 'b'
    }
    const moves: Move[] = []
    for (let round = 0; round < 12; round++) {
      for (const from of hot) for (const to of hot) if (from !== to) moves.push(move(from, to, round))
      for (const from of others) moves.push(move(from, hot[round % hot.length]!, round))
    }
    function move(from: TestUser, to: TestUser, round: number): Move {
      return {
        from,
        to,
        amount: 1 + ((round * 7 + from.phone.charCodeAt(10)) % 50),
        key: idem(),
        via: round % 2 ? 'a' : 'b',
      }
    }
    const send = (m: Move, via: 'a' | 'b'): Promise<Json> =>
      call(cluster[via], 'POST', '/api/v1/transfers', {
        token: m.from.token,
        body: { toUserId: m.to.id, amount: m.amount, pin: PIN },
        headers: { 'idempotency-key': m.key },
      })
    // Each move goes to both processes under its key, as a client retrying on the other one would.
    const answers = await Promise.all(moves.flatMap((m) => [send(m, m.via), send(m, m.via === 'a' ? 'b' : 'a')]))
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([])
    for (let i = 0; i < moves.length; i++) expect(answers[2 * i + 1]!.body).toEqual(answers[2 * i]!.body)

    const expected = new Map(everyone.map((u) => [u.id, 10_000]))
    for (const m of moves) {
      expected.set(m.from.id, expected.get(m.from.id)! - m.amount)
      expected.set(m.to.id, expected.get(m.to.id)! + m.amount)
    }
    for (const user of everyone) expect((await walletOf(cluster.b, user)).balance, user.id).toBe(expected.get(user.id))
    const audit = await cluster.a.ctx.ledger.audit()
    expect(audit.problems).toEqual([])
    expect(audit.ok).toBe(true)
  })
})
