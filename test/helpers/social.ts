import type { FastifyInstance } from 'fastify'
import { call, type TestUser } from './app.js'

/** a asks, b accepts: friends both ways. */
export async function befriend(app: FastifyInstance, a: TestUser, b: TestUser): Promise<void> {
  const sent = await call(app, 'POST', '/api/v1/friend-requests', { token: a.token, body: { toUserId: b.id } })
  const accepted = await call(app, 'POST', `/api/v1/friend-requests/${sent.body.id}/accept`, { token: b.token })
  if (accepted.status !== 200) throw new Error(`befriend failed: ${accepted.status} ${JSON.stringify(accepted.body)}`)
}
