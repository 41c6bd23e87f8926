import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredResponse } from '../../../src/server/idempotency/service.js'
import { insertIdempotencyRecords } from '../../../src/server/idempotency/store.js'
import { createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

/**
 * The promise IdempotencyService makes in its own words: "two concurrent requests with one key never both
 * execute: in one process the second waits for the first". Without it, two copies of one request can get
 * different answers (one 409 INSUFFICIENT_FUNDS, the other 201 with money moved), see test/api/wallet/concurrency.
 */
describe('IdempotencyService.run', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())

  it('runs two simultaneous requests with one key once, and gives both the one answer', async () => {
    const idempotency = testApp.app.ctx.idempotency
    const user = await registerUser(testApp.app)
    const scope = { userId: user.id, key: 'one-key', requestHash: 'one-body' }
    let executions = 0
    // Like the wallet: the answer is remembered (by the ledger, with the money) before it is given.
    const execute = async (): Promise<StoredResponse> => {
      executions += 1
      const answer = { status: 201, body: { execution: executions } }
      await new Promise((resolve) => setTimeout(resolve, 20))
      await insertIdempotencyRecords(testApp.app.ctx.database.db, [
        {
          user_id: scope.userId,
          key: scope.key,
          request_hash: scope.requestHash,
          status_code: answer.status,
          response_body: JSON.stringify(answer.body),
          created_at: Date.now(),
        },
      ])
      return answer
    }
    const answers = await Promise.all([idempotency.run(scope, execute), idempotency.run(scope, execute)])
    expect(executions).toBe(1)
    expect(answers[1]).toEqual(answers[0])
  })
})
