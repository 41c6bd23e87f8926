import type { FastifyInstance } from 'fastify'
import { call, type Json, type TestUser } from './app.js'
import { befriend } from './social.js'
import { idem, PIN, topUp, verifiedUserWithPin } from './wallet.js'

export interface Circle {
  collector: TestUser
  members: TestUser[]
  groupId: string
  conversationId: string
}

/** A verified collector and `size` verified, funded friends in one group. */
export async function circle(app: FastifyInstance, size: number, funds = 10_000): Promise<Circle> {
  const collector = await verifiedUserWithPin(app, '收款人')
  const members = await Promise.all(
    Array.from({ length: size }, async (_, i) => {
      const member = await verifiedUserWithPin(app, `群友${i + 1}`)
      await befriend(app, collector, member)
      if (funds > 0) await topUp(app, member, funds)
      return member
    }),
  )
  const group = await call(app, 'POST', '/api/v1/groups', {
    token: collector.token,
    body: { name: '聚餐群', memberIds: members.map((m) => m.id) },
  })
  if (group.status !== 201) throw new Error(`group: ${group.status} ${JSON.stringify(group.body)}`)
  return { collector, members, groupId: group.body.id, conversationId: group.body.conversationId }
}

export function collect(app: FastifyInstance, collector: TestUser, groupId: string, body: object): Promise<Json> {
  return call(app, 'POST', `/api/v1/groups/${groupId}/collections`, { token: collector.token, body })
}

export function payCollection(
  app: FastifyInstance,
  member: TestUser,
  id: string,
  options: { pin?: string; key?: string | null } = {},
): Promise<Json> {
  const key = options.key === undefined ? idem() : options.key
  return call(app, 'POST', `/api/v1/collections/${id}/pay`, {
    token: member.token,
    body: { pin: options.pin ?? PIN },
    headers: key === null ? {} : { 'idempotency-key': key },
  })
}
