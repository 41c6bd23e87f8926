import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorBody } from '../../shared/api/common.js'

/** The OpenAPI document is generated from the route schemas, so it cannot drift from what the server does. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorBody)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LifeCircle API',
        version: '1',
        description:
          'Amounts are integers in fen (分) with currency CNY. Money-moving POSTs take an Idempotency-Key header. ' +
          'Errors: {"error": {"code", "message", "field"?}} with the message in the caller\'s language.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'lc_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  })
  // Every route answers errors in one shape; say so once instead of on every route.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.schema?.hide) return
    route.schema = {
      ...route.schema,
      response: { ...(route.schema?.response as object), '4xx': { $ref: 'ErrorBody#' }, '5xx': { $ref: 'ErrorBody#' } },
    }
  })
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true })
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
