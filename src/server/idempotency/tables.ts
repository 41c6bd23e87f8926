export interface IdempotencyKeysTable {
  user_id: string
  key: string
  /** SHA-256 of the method, path and canonical body: the same key with another body is refused. */
  request_hash: string
  status_code: number
  /** The first response, JSON; an error is kept as its code and details and re-localised on replay. */
  response_body: string
  created_at: number
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable
}
