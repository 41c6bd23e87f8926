import crypto from 'node:crypto'
import cookie from '@fastify/cookie'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { LoggerOptions } from 'pino'
import { accountsRoutes } from './accounts/routes.js'
import type { Config } from './config.js'
import { createContext, type AppContext, type ContextOptions } from './context.js'
import { healthRoutes } from './health/routes.js'
import { startHousekeeping, type Housekeeping } from './housekeeping.js'
import { feedRoutes } from './feed/routes.js'
import { commerceRoutes } from './commerce/routes.js'
import { chatRoutes } from './chat/routes.js'
import { redPacketRoutes } from './redpackets/routes.js'
import { collectionRoutes } from './collections/routes.js'
import { iouRoutes } from './ious/routes.js'
import { liveRoutes } from './live/routes.js'
import { demoStreamRoutes } from './live/demo-stream.js'
import { onSocketError, realtimeRoutes } from './realtime/routes.js'
import { clientFrameHandlers } from './realtime/client-frames.js'
import websocket from '@fastify/websocket'
import { mediaRoutes } from './media/routes.js'
import { notificationsRoutes } from './notifications/routes.js'
import { socialRoutes } from './social/routes.js'
import { walletRoutes } from './wallet/routes.js'
import { installAuthentication } from './http/auth.js'
import { installCsrfCheck } from './http/csrf.js'
import { installErrorHandler, sendFrameworkError } from './http/error-handler.js'
import { installOpenApi } from './http/openapi.js'
import { installSecurity } from './http/security.js'
import { installStrictJson } from './http/strict-json.js'
import { installValidators } from './http/validation.js'
import { installWebApp } from './http/web.js'

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext
    housekeeping: Housekeeping
  }
}

/** JSON bodies are small; uploads get their own limit on their own route. */
const BODY_LIMIT_BYTES = 256 * 1024
const SOCKET_FRAME_MAX_BYTES = 64 * 1024

export interface BuildOptions extends ContextOptions {
  /** Where logs go instead of stdout (tests read them to prove no secret is ever written). */
  logStream?: { write(line: string): void }
}

/** Builds the whole server from a Config: database migrated, services wired, routes registered, not listening. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => crypto.randomUUID(),
    // Behind nginx the client's address comes from X-Forwarded-For, so per-address limits see real clients.
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (error, request, reply) => void sendFrameworkError(error, request, reply),
  }).withTypeProvider<TypeBoxTypeProvider>()
  const ctx = await createContext(config, { ...options, log: app.log })
  app.decorate('ctx', ctx)
  const housekeeping = startHousekeeping(ctx, app.log)
  app.decorate('housekeeping', housekeeping)
  app.addHook('onClose', async () => {
    await housekeeping.stop()
    await ctx.close()
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  installStrictJson(app)
  installValidators(app)
  installErrorHandler(app)
  await app.register(cookie)
  await installSecurity(app, ctx)
  await installOpenApi(app)
  installAuthentication(app, ctx.accounts)
  installCsrfCheck(app)
  // Before any route, so that the socket route is recognised as one.
  await app.register(websocket, { options: { maxPayload: SOCKET_FRAME_MAX_BYTES }, errorHandler: onSocketError })

  await app.register(
    async (api) => {
      await api.register(healthRoutes(ctx))
      await api.register(accountsRoutes(ctx))
      await api.register(walletRoutes(ctx))
      await api.register(socialRoutes(ctx))
      await api.register(mediaRoutes(ctx))
      await api.register(feedRoutes(ctx))
      await api.register(commerceRoutes(ctx))
      await api.register(notificationsRoutes(ctx))
      await api.register(chatRoutes(ctx))
      await api.register(redPacketRoutes(ctx))
      await api.register(collectionRoutes(ctx))
      await api.register(iouRoutes(ctx))
      await api.register(liveRoutes(ctx))
      await api.register(realtimeRoutes(ctx, clientFrameHandlers(ctx)))
    },
    { prefix: '/api/v1' },
  )
  await app.register(demoStreamRoutes)
  await installWebApp(app, config.webRoot)
  return app
}

/** Structured logs with request ids; no token, cookie, password or looked-up phone number ever reaches them. */
function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: request.url.replace(/([?&](?:token|phone)=)[^&]*/g, '$1[redacted]'),
        remoteAddress: request.ip,
      }),
    },
  }
}
