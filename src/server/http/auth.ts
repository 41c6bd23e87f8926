import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor, AccountsService } from '../accounts/service.js'
import { UnauthenticatedError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, or null. */
    actor: Actor | null
    /** The bearer token the request came with, when it was valid. */
    sessionToken: string | null
  }
}

export const SESSION_COOKIE = 'lc_session'
const SESSION_COOKIE_MAX_AGE_S = 30 * 24 * 3600

/** Resolves the acting user from `Authorization: Bearer …` or the web app's httpOnly cookie, before anything else. */
export function installAuthentication(app: FastifyInstance, accounts: AccountsService): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('sessionToken', null)
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request) ?? request.cookies[SESSION_COOKIE]
    if (!token || token.length > 256) return
    const actor = await accounts.authenticate(token)
    if (actor) {
      request.actor = actor
      request.sessionToken = token
    }
  })
}

/** Route hook: runs before body parsing and validation, so a stranger learns nothing from a 400. */
export async function requireActor(request: FastifyRequest): Promise<void> {
  if (!request.actor) throw new UnauthenticatedError()
}

/** The acting user of a route guarded by requireActor. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError()
  return request.actor
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    path: '/',
    maxAge: SESSION_COOKIE_MAX_AGE_S,
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1]
}
