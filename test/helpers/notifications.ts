import type { FastifyInstance } from 'fastify'
import { call, type TestUser } from './app.js'

/** GET /notifications once every listener of what has committed so far has run. */
export async function notificationsOf(app: FastifyInstance, user: TestUser, query = ''): Promise<any> {
  await app.ctx.events.idle()
  const res = await call(app, 'GET', `/api/v1/notifications${query}`, { token: user.token })
  if (res.status !== 200) throw new Error(`notifications failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** The kinds of a user's notifications, newest first. */
export async function kindsOf(app: FastifyInstance, user: TestUser): Promise<string[]> {
  return (await notificationsOf(app, user, '?limit=100')).items.map((n: { kind: string }) => n.kind)
}

/** A user's newest notification. */
export async function latestOf(app: FastifyInstance, user: TestUser): Promise<any> {
  return (await notificationsOf(app, user, '?limit=1')).items[0]
}
