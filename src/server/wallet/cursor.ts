import { ValidationError } from '../errors.js'

export interface Cursor {
  createdAt: number
  id: string
}

/** Keyset cursors are opaque to clients: base64url of `createdAt:id`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}:${cursor.id}`).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined
  const [createdAt, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const id = rest.join(':')
  if (!createdAt || !/^\d{1,16}$/.test(createdAt) || !id) throw new ValidationError('cursor')
  return { createdAt: Number(createdAt), id }
}
