import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { notFound } from './error-handler.js'

/**
 * Serves the built web app: hashed assets cached for a year, everything else revalidated, and index.html for
 * any other page path so that client-side routes survive a reload. Unknown /api paths stay JSON 404s.
 */
export async function installWebApp(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  const index = webRoot ? path.join(webRoot, 'index.html') : undefined
  const hasWebApp = index !== undefined && fs.existsSync(index)
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webRoot!,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  } else {
    app.log.warn({ webRoot }, 'no built web app found: serving the API only (run `npm run build:web`)')
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '')
    if (hasWebApp && wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html')
    return notFound(request, reply)
  })
}
