import { sql } from 'kysely'
import { ValidationError } from '../errors.js'

/** Where a newest-first page stopped: the last row's time and id. */
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

/** Rows strictly after the cursor in (time, id) descending order. */
export function olderThan(cursor: Cursor, columns: { time: string; id: string } = { time: 'created_at', id: 'id' }) {
  const time = sql.ref(columns.time)
  const id = sql.ref(columns.id)
  return sql<boolean>`(${time} < ${cursor.createdAt} or (${time} = ${cursor.createdAt} and ${id} < ${cursor.id}))`
}

/** The next page's cursor, when the query fetched one row more than the page holds. */
export function nextCursor<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): string | null {
  const last = rows[limit - 1]
  return rows.length > limit && last ? encodeCursor(keyOf(last)) : null
}
