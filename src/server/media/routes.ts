import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../context.js'

export function mediaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async () => {
    void ctx
  }
}
