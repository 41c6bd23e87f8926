import type { IncomingMessage } from 'node:http'

/**
 * How much of an oversized body is read and thrown away so that its 413 reaches the client. Closing on unread
 * bytes makes the kernel reset the connection, and a client still sending (curl, most simple clients) then sees
 * a write error instead of the answer. Past these bounds the connection is closed anyway: a body that never
 * ends, however slowly it trickles, costs at most this much.
 */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024
export const DRAIN_MAX_MS = 5_000

/** Resolves once the request body has ended, or once the bounds are reached; never rejects. */
export function drainRequest(request: IncomingMessage): Promise<void> {
  const declared = Number(request.headers['content-length'])
  if (request.complete || request.destroyed || declared > DRAIN_MAX_BYTES) return Promise.resolve()
  return new Promise((resolve) => {
    let received = 0
    const done = () => {
      clearTimeout(timer)
      request.off('data', onData)
      request.off('end', done)
      request.off('error', done)
      request.off('close', done)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > DRAIN_MAX_BYTES) done()
    }
    const timer = setTimeout(done, DRAIN_MAX_MS)
    request.on('data', onData)
    request.once('end', done)
    request.once('error', done)
    request.once('close', done)
    request.resume()
  })
}
