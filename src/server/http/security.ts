import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'
import { RateLimitedError } from '../errors.js'
import { RedisBus } from '../realtime/bus.js'

/** What the web app needs and nothing more: no inline scripts, no third-party origins. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
}

export async function installSecurity(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
  })

  if (!ctx.config.ipLimits) {
    app.log.warn('LIFECIRCLE_IP_LIMITS=off: per-address abuse limits are disabled (load tests only)')
    return
  }
  await app.register(rateLimit, {
    global: true,
    max: 1200,
    timeWindow: '1 minute',
    // Shared across processes when Redis is there, so limits hold behind a load balancer.
    ...(ctx.bus instanceof RedisBus ? { redis: ctx.bus.client, nameSpace: `${ctx.config.redisPrefix}ratelimit:` } : {}),
    // Redis away: requests go through uncounted rather than fail; these limits are against abuse, not product rules.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
  })
}
