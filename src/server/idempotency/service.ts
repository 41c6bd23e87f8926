import crypto from 'node:crypto'
import type { Db } from '../db/database.js'
import { isErrorKey } from '../../shared/i18n/errors/index.js'
import type { DomainError, ErrorDetails } from '../errors.js'
import { keyedHash } from '../secret.js'
import { IdempotencyKeyReusedError, ReplayedError } from './errors.js'
import { deleteIdempotencyRecordsBefore, findIdempotencyRecord } from './store.js'

/** A response as remembered: what the first request answered. */
export interface StoredResponse {
  status: number
  body: unknown
}

/** What a money-moving operation needs to be idempotent: who, which key, and the fingerprint of the request. */
export interface IdempotencyScope {
  userId: string
  key: string
  requestHash: string
}

export const KEY_RETENTION_MS = 48 * 3600_000

/**
 * Same key + same request → the first response and status; same key + another request → 409. Two concurrent
 * requests with one key never both execute: in one process the second waits for the first; across processes
 * the ledger's transfer ids, derived from the key, let only one of them move money.
 */
export class IdempotencyService {
  private readonly inflight = new Map<string, Promise<unknown>>()

  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly clock: () => number,
  ) {}

  /**
   * The fingerprint of a request: method, path and body with keys in a canonical order. Bodies carry PINs, so
   * the hash is keyed with the server secret: unkeyed, a copy of the database would give up a PIN in a second.
   */
  requestHash(method: string, path: string, body: unknown): string {
    return keyedHash(this.secret, 'idempotency-request', `${method} ${path}\n${canonicalJson(body)}`)
  }

  async run(
    scope: IdempotencyScope,
    execute: (scope: IdempotencyScope) => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    const slot = `${scope.userId}\0${scope.key}`
    for (;;) {
      const running = this.inflight.get(slot)
      if (!running) break
      await running.catch(() => undefined)
    }
    // Registered before the first await, so that a concurrent twin always finds it and waits.
    const attempt = this.replayOrExecute(scope, execute)
    this.inflight.set(slot, attempt)
    try {
      return await attempt
    } finally {
      this.inflight.delete(slot)
    }
  }

  private async replayOrExecute(
    scope: IdempotencyScope,
    execute: (scope: IdempotencyScope) => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    const remembered = await findIdempotencyRecord(this.db, scope.userId, scope.key)
    if (remembered) {
      if (remembered.request_hash !== scope.requestHash) throw new IdempotencyKeyReusedError()
      return { status: remembered.status_code, body: JSON.parse(remembered.response_body) }
    }
    return execute(scope)
  }

  async prune(): Promise<void> {
    await deleteIdempotencyRecordsBefore(this.db, this.clock() - KEY_RETENTION_MS)
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A ledger transfer id derived from the key: a retry names the same transfer, so money moves at most once. */
export function transferIdFor(scope: IdempotencyScope, purpose: string): string {
  return crypto
    .createHash('sha256')
    .update(`${scope.userId}\0${scope.key}\0${purpose}`)
    .digest('base64url')
    .slice(0, 32)
}

/** An error as it is remembered: its status, code and details, never the localised message. */
export function errorResponse(error: DomainError): StoredResponse {
  return { status: error.status, body: { error: { code: error.code, ...error.details } } }
}

/** Turns a remembered error back into one the error handler localises; success bodies pass through. */
export function unwrapStored(response: StoredResponse): StoredResponse {
  const error = (response.body as { error?: { code?: string } & ErrorDetails } | null)?.error
  if (error && typeof error.code === 'string' && isErrorKey(error.code)) {
    const { code, ...details } = error
    throw new ReplayedError(response.status, code, details)
  }
  return response
}
