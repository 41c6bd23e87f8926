import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DomainError } from '../errors.js'
import { SESSION_COOKIE } from './auth.js'

export class CrossSiteRequestError extends DomainError {
  readonly code = 'CROSS_SITE_REQUEST'
  readonly status = 403
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The cookie is SameSite=Strict, but a sibling subdomain is "same site" and old browsers ignore the attribute.
 * So a state-changing request that rides on the cookie must also come from this origin: the browser says so in
 * Sec-Fetch-Site, else in Origin, else in Referer. Only a request a bearer token authenticated skips the check —
 * its client holds the token itself; an Authorization header of another scheme, or with a token that is no
 * session, exempts nothing. A request that names no origin at all (curl, old browsers) passes, as nothing forged
 * it in a page. Installed after authentication, whose verdict it reads.
 */
export function installCsrfCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return
    if (request.authenticatedBy === 'token' || !request.cookies[SESSION_COOKIE]) return
    if (!fromThisOrigin(request)) throw new CrossSiteRequestError()
  })
}

function fromThisOrigin(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site']
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none'
  const origin = request.headers.origin ?? request.headers.referer
  if (origin === undefined) return true
  return hostOf(origin) === request.headers.host
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
