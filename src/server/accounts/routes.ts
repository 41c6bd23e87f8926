import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AuthResult,
  LoginBody,
  RealNameBody,
  RealNameResult,
  RegisterBody,
  SetPinBody,
  UpdateMeBody,
  UserLookupQuery,
  UserLookupResult,
  UserView,
} from '../../shared/api/accounts.js'
import { NoContent } from '../../shared/api/common.js'
import type { AppContext } from '../context.js'
import { actorOf, clearSessionCookie, requireActor, setSessionCookie } from '../http/auth.js'
import { headerLocale } from '../http/locale.js'
import { DEFAULT_LOCALE } from '../../shared/i18n/locales.js'

const tags = ['accounts']
/** Per-address abuse limits on the doors guessers knock on (off with LIFECIRCLE_IP_LIMITS=off). */
const registerLimit = { rateLimit: { max: 20, timeWindow: '1 hour' } }
const loginLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } }

export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/register',
      { config: registerLimit, schema: { tags, body: RegisterBody, response: { 201: AuthResult } } },
      async (request, reply) => {
        const result = await ctx.accounts.register(request.body, headerLocale(request) ?? DEFAULT_LOCALE, request.ip)
        setSessionCookie(reply, result.token)
        return reply.code(201).send(result)
      },
    )

    app.post(
      '/auth/login',
      {
        config: loginLimit,
        schema: {
          tags,
          description:
            'Wrong password or unknown phone → 401 INVALID_CREDENTIALS. 10 failures for one phone from one client ' +
            'address in 15 minutes → 429 RATE_LIMITED (Retry-After) for that address; past 100 attempts for one ' +
            'phone in an hour, 429 for every address the account has never logged in or registered from.',
          body: LoginBody,
          response: { 200: AuthResult },
        },
      },
      async (request, reply) => {
        const result = await ctx.accounts.login(request.body, request.ip)
        setSessionCookie(reply, result.token)
        return result
      },
    )

    app.post(
      '/auth/logout',
      { onRequest: requireActor, schema: { tags, response: { 204: NoContent } } },
      async (request, reply) => {
        if (request.sessionToken) await ctx.accounts.logout(request.sessionToken)
        clearSessionCookie(reply)
        return reply.code(204).send(null)
      },
    )

    app.get('/me', { onRequest: requireActor, schema: { tags, response: { 200: UserView } } }, async (request) =>
      ctx.accounts.me(actorOf(request).id),
    )

    app.patch(
      '/me',
      { onRequest: requireActor, schema: { tags, body: UpdateMeBody, response: { 200: UserView } } },
      async (request) => ctx.accounts.updateMe(actorOf(request), request.body),
    )

    app.post(
      '/me/real-name',
      {
        onRequest: requireActor,
        schema: {
          tags,
          description:
            'Real-name verification with one identity document (documentType, cn-resident by default). ' +
            '400 INVALID_ID_NUMBER (with documentType and reason: format, region, date or checksum; the message ' +
            'names the accepted documents), 400 VALIDATION_FAILED naming birthDate or country, 400 UNDERAGE ' +
            '(under 18 in China time), 409 ID_NUMBER_TAKEN (the document is bound to another account, per type), ' +
            '409 ALREADY_VERIFIED, 429 RATE_LIMITED (20 attempts a day).',
          body: RealNameBody,
          response: { 200: RealNameResult },
        },
      },
      async (request) => ctx.realNames.verify(actorOf(request).id, request.body),
    )

    app.put(
      '/me/pin',
      { onRequest: requireActor, schema: { tags, body: SetPinBody, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.pins.set(actorOf(request).id, request.body.pin, request.body.currentPin)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/users',
      { onRequest: requireActor, schema: { tags, querystring: UserLookupQuery, response: { 200: UserLookupResult } } },
      async (request) => ({ items: await ctx.accounts.findByPhone(actorOf(request), request.query.phone) }),
    )
  }
}
