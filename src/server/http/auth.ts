import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor, AccountsService, ClientInfo } from '../accounts/service.js'
import { UnauthenticatedError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, or null. */
    actor: Actor | null
    /** The session token the request was authenticated with (bearer header, cookie or socket `?token=`). */
    sessionToken: string | null
    /** The opaque id of that session. */
    sessionId: string | null
    /** How the actor was authenticated: the CSRF checks apply to whatever rode on the cookie. */
    authenticatedBy: Credential | null
  }
}

/** A token the client holds itself (bearer header, socket `?token=`), or the cookie a browser adds to any request. */
export type Credential = 'token' | 'cookie'

export const SESSION_COOKIE = 'lc_session'
const SESSION_COOKIE_MAX_AGE_S = 30 * 24 * 3600
const TOKEN_LENGTH_MAX = 256

/**
 * Resolves the acting user from `Authorization: Bearer …` or the web app's httpOnly cookie, before anything else.
 * A bearer header decides alone: when its token is no session the request is a stranger's, and the cookie is not
 * tried, so that no header can make a cookie request look like a token client's. Other schemes are ignored.
 */
export function installAuthentication(app: FastifyInstance, accounts: AccountsService): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('sessionToken', null)
  app.decorateRequest('sessionId', null)
  app.decorateRequest('authenticatedBy', null)
  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request)
    if (bearer !== undefined) await authenticateWith(accounts, request, bearer, 'token')
    else await authenticateWith(accounts, request, request.cookies[SESSION_COOKIE], 'cookie')
  })
}

/** Sets the actor when the token names a live session; leaves the request a stranger's otherwise. */
export async function authenticateWith(
  accounts: AccountsService,
  request: FastifyRequest,
  token: string | undefined,
  credential: Credential,
): Promise<void> {
  request.actor = null
  request.sessionToken = null
  request.sessionId = null
  request.authenticatedBy = null
  if (!token || token.length > TOKEN_LENGTH_MAX) return
  const session = await accounts.authenticate(token, clientOf(request))
  if (!session) return
  request.actor = session.actor
  request.sessionToken = token
  request.sessionId = session.sessionId
  request.authenticatedBy = credential
}

/** What a session keeps of the client that opens or uses it. */
export function clientOf(request: FastifyRequest): ClientInfo {
  return { address: request.ip, userAgent: request.headers['user-agent'] }
}

/** The session of a route guarded by requireActor. */
export function sessionOf(request: FastifyRequest): { actor: Actor; sessionId: string; token: string } {
  if (!request.actor || !request.sessionId || !request.sessionToken) throw new UnauthenticatedError()
  return { actor: request.actor, sessionId: request.sessionId, token: request.sessionToken }
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

/** The token of a Bearer header, '' for a malformed one, undefined when there is none. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header || !/^Bearer(\s|$)/i.test(header)) return undefined
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
}
