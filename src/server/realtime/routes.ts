import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import type { Actor } from '../accounts/service.js'
import type { AppContext } from '../context.js'
import { DomainError, ForbiddenError, UnauthenticatedError } from '../errors.js'
import { authenticateWith } from '../http/auth.js'

/** What a client may send: `{type, …}`. Each handler checks its own fields. */
export type ClientFrameHandler = (actor: Actor, frame: Record<string, unknown>, socket: WebSocket) => Promise<void>

/**
 * `GET /api/v1/ws`: one socket per client for everything pushed. Authenticated before the upgrade — by `?token=`, a
 * bearer header, or the web app's cookie (then only from this site's own pages) — so a stranger never gets a socket.
 */
export function realtimeRoutes(ctx: AppContext, handlers: Record<string, ClientFrameHandler>): FastifyPluginAsync {
  // A Map, not the object: a frame named `__proto__` or `valueOf` must find no handler rather than a prototype's.
  const byType = new Map(Object.entries(handlers))
  return async (app) => {
    app.get(
      '/ws',
      { websocket: true, onRequest: (request) => authenticateSocket(ctx, request), schema: { hide: true } },
      (socket, request) => {
        const actor = request.actor!
        const gateway = ctx.gateway
        // Handlers go on before any await, so that no frame the client sends early is lost.
        socket.on('message', (data, isBinary) => {
          const text = isBinary ? null : textOf(data)
          void handleFrame(actor, socket, text, byType).catch((error: unknown) => {
            const code = error instanceof DomainError ? error.code : 'INTERNAL_ERROR'
            if (!(error instanceof DomainError)) request.log.error({ err: error }, 'socket frame failed')
            const details = error instanceof DomainError ? error.details : {}
            gateway.send(socket, JSON.stringify({ type: 'error', data: { code, ...details, ...refOf(text) } }))
          })
        })
        void gateway.attach(actor.id, request.sessionId!, socket).then(
          () => gateway.send(socket, JSON.stringify({ type: 'ready', data: { userId: actor.id } })),
          (error: unknown) => {
            request.log.error({ err: error }, 'socket subscription failed')
            socket.close(1011, 'unavailable')
          },
        )
      },
    )
  }
}

async function authenticateSocket(ctx: AppContext, request: FastifyRequest): Promise<void> {
  // A `?token=` decides like a bearer header, unless one came: then a cookie beside it never stands in for it.
  const token = (request.query as { token?: unknown }).token
  if (typeof token === 'string' && request.authenticatedBy !== 'token') {
    await authenticateWith(ctx.accounts, request, token, 'token')
  }
  if (!request.actor) throw new UnauthenticatedError()
  // A cookie rides along with any page's request: only this site's pages may open a socket with it.
  if (request.authenticatedBy === 'cookie' && !sameOrigin(request)) throw new ForbiddenError()
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

async function handleFrame(
  actor: Actor,
  socket: WebSocket,
  text: string | null,
  handlers: ReadonlyMap<string, ClientFrameHandler>,
): Promise<void> {
  const frame = parseFrame(text)
  const handler = handlers.get(frame.type)
  if (!handler) throw new UnknownFrameError()
  await handler(actor, frame, socket)
}

/**
 * For errors on an open socket. What a client can cause — a frame over the size limit, invalid UTF-8, a broken
 * frame, a dropped connection — is logged at info, so that no user can write the error-level lines operators
 * are paged for.
 */
export function onSocketError(error: Error, socket: WebSocket, request: FastifyRequest): void {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (code.startsWith('WS_ERR_') || code === 'ECONNRESET' || code === 'EPIPE') {
    request.log.info({ err: error }, 'socket closed on a client error')
  } else {
    request.log.error({ err: error }, 'socket failed')
  }
  socket.terminate()
}

/** A client may name a frame (`ref`, a short string) to match the answer to it: echoed on `error` and acks. */
export function refOf(text: string | null): { ref?: string } {
  try {
    const ref = (JSON.parse(text ?? 'null') as { ref?: unknown } | null)?.ref
    return typeof ref === 'string' && ref.length <= 64 ? { ref } : {}
  } catch {
    return {}
  }
}

/** ws hands over a Buffer, or an array of them for a fragmented frame. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}

function parseFrame(text: string | null): Record<string, unknown> & { type: string } {
  try {
    const value: unknown = text === null ? null : JSON.parse(text)
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      return value as Record<string, unknown> & { type: string }
    }
  } catch {
    // answered below
  }
  throw new UnknownFrameError()
}

class UnknownFrameError extends DomainError {
  readonly code = 'UNKNOWN_FRAME'
  readonly status = 400
}
