import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AuthResult,
  ChangePasswordBody,
  LoginBody,
  PasswordResetBody,
  PhoneCodeBody,
  PhoneCodeResult,
  PinResetBody,
  RealNameBody,
  RealNameResult,
  RegisterBody,
  SessionList,
  SessionParams,
  SetPinBody,
  SmsOutboxList,
  UpdateMeBody,
  UserLookupQuery,
  UserLookupResult,
  UserView,
} from '../../shared/api/accounts.js'
import { NoContent } from '../../shared/api/common.js'
import type { AppContext } from '../context.js'
import { actorOf, clearSessionCookie, clientOf, requireActor, sessionOf, setSessionCookie } from '../http/auth.js'
import { headerLocale } from '../http/locale.js'
import { DEFAULT_LOCALE } from '../../shared/i18n/locales.js'

const tags = ['accounts']
/** Per-address abuse limits on the doors guessers knock on (off with LIFECIRCLE_IP_LIMITS=off). */
const registerLimit = { rateLimit: { max: 20, timeWindow: '1 hour' } }
const loginLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } }
const passwordLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } }

export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/codes',
      {
        schema: {
          tags,
          description:
            'Sends a 6-digit code to the phone (5 minutes, 5 tries, single use, bound to phone and purpose; a new ' +
            'one supersedes the last). With the sandbox SMS provider and purpose register only, the answer carries ' +
            'sandboxCode; reset codes never come back (sandbox: they land in the operator outbox). Reset purposes ' +
            'on an unknown phone: 202 and nothing is sent. Register on a taken phone: 409 PHONE_TAKEN, nothing sent. ' +
            'Per phone 1 a minute per purpose and 5 an hour, per client address 20 an hour (product rules, always on) → 429 ' +
            'RATE_LIMITED (Retry-After). The webhook provider failing → 503 SERVICE_UNAVAILABLE.',
          body: PhoneCodeBody,
          response: { 202: PhoneCodeResult },
        },
      },
      async (request, reply) => {
        const locale = headerLocale(request) ?? DEFAULT_LOCALE
        return reply.code(202).send(await ctx.phoneFlows.requestCode(request.body, locale, clientOf(request)))
      },
    )

    app.post(
      '/auth/register',
      {
        config: registerLimit,
        schema: {
          tags,
          description:
            'code from POST /auth/codes (purpose register): missing → 400 PHONE_CODE_REQUIRED, wrong → 400 ' +
            'PHONE_CODE_INVALID, past its time, used or out of its 5 tries → 400 PHONE_CODE_EXPIRED.',
          body: RegisterBody,
          response: { 201: AuthResult },
        },
      },
      async (request, reply) => {
        const result = await ctx.phoneFlows.register(
          request.body,
          headerLocale(request) ?? DEFAULT_LOCALE,
          clientOf(request),
        )
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
        const result = await ctx.accounts.login(request.body, clientOf(request))
        setSessionCookie(reply, result.token)
        return result
      },
    )

    app.post(
      '/auth/password-reset',
      {
        config: passwordLimit,
        schema: {
          tags,
          description:
            'Forgot password: code from POST /auth/codes (purpose reset-password) and a new password. Code errors as ' +
            'for registration. On success every session of the user ends, on every process.',
          body: PasswordResetBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await ctx.phoneFlows.resetPassword(request.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/auth/logout',
      {
        onRequest: requireActor,
        schema: {
          tags,
          description: 'Ends this session: its token stops working and its sockets close (code 4401) on every process.',
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const { actor, token } = sessionOf(request)
        await ctx.accounts.logout(actor.id, token)
        clearSessionCookie(reply)
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/me/password',
      {
        config: passwordLimit,
        onRequest: requireActor,
        schema: {
          tags,
          description:
            'Wrong current password → 403 PASSWORD_INCORRECT. 5 wrong ones in 15 minutes → 429 RATE_LIMITED ' +
            '(Retry-After), counted per account. On success every other session of the user ends; this one stays.',
          body: ChangePasswordBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const { actor, sessionId } = sessionOf(request)
        await ctx.accounts.changePassword(actor, sessionId, request.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/me/sessions',
      {
        onRequest: requireActor,
        schema: {
          tags,
          description: 'The live sessions of the user: this one first, then the others, latest used first.',
          response: { 200: SessionList },
        },
      },
      async (request) => {
        const { actor, sessionId } = sessionOf(request)
        return { items: await ctx.accounts.sessions(actor, sessionId) }
      },
    )

    app.delete(
      '/me/sessions/:id',
      {
        onRequest: requireActor,
        schema: {
          tags,
          description:
            "Ends one session of the user's: its token stops working and its sockets close. " +
            'An id that is not a live session of this user → 404 NOT_FOUND.',
          params: SessionParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await ctx.accounts.revokeSession(actorOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/me/sessions/revoke-others',
      {
        onRequest: requireActor,
        schema: { tags, description: 'Ends every session of the user but this one.', response: { 204: NoContent } },
      },
      async (request, reply) => {
        const { actor, sessionId } = sessionOf(request)
        await ctx.accounts.revokeOtherSessions(actor, sessionId)
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

    app.post(
      '/me/pin/reset',
      {
        config: passwordLimit,
        onRequest: requireActor,
        schema: {
          tags,
          description:
            'Forgot PIN (忘记支付密码): code sent to the own phone (POST /auth/codes, purpose reset-pin) and the ' +
            'number of the document the real name was verified with (documentType and country as there). A wrong ' +
            'document → 403 ID_NUMBER_MISMATCH and spends one of the code’s tries; unverified → 403 ' +
            'REAL_NAME_REQUIRED. Code errors as for registration. Success sets the PIN and clears the PIN lockout.',
          body: PinResetBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await ctx.phoneFlows.resetPin(actorOf(request), request.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/admin/sms-outbox',
      {
        onRequest: requireActor,
        schema: {
          tags,
          description:
            'Operators only (else 403 FORBIDDEN): the sandbox SMS outbox, latest first (up to 200). Empty with a ' +
            'real provider, which keeps nothing.',
          response: { 200: SmsOutboxList },
        },
      },
      async (request) => ctx.phoneFlows.outbox(actorOf(request)),
    )

    app.get(
      '/users',
      { onRequest: requireActor, schema: { tags, querystring: UserLookupQuery, response: { 200: UserLookupResult } } },
      async (request) => ({ items: await ctx.accounts.findByPhone(actorOf(request), request.query.phone) }),
    )
  }
}
