import type { FastifyInstance } from 'fastify'
import { call, type Json, type TestUser } from './app.js'

/** The direct conversation between two friends. */
export async function directConversation(app: FastifyInstance, a: TestUser, b: TestUser): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/conversations', { token: a.token, body: { userId: b.id } })
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`conversation: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id
}

export function say(app: FastifyInstance, user: TestUser, conversationId: string, body: unknown): Promise<Json> {
  return call(app, 'POST', `/api/v1/conversations/${conversationId}/messages`, { token: user.token, body })
}

export async function groupConversation(app: FastifyInstance, owner: TestUser, members: TestUser[]): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/groups', {
    token: owner.token,
    body: { name: '周末爬山群', memberIds: members.map((m) => m.id) },
  })
  if (res.status !== 201) throw new Error(`group: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.conversationId
}
