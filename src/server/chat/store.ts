import { sql, type Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import type { ConversationMembersTable, ConversationsTable, MessagesTable } from './tables.js'

export type ConversationRow = Selectable<ConversationsTable>
export type MemberRow = Selectable<ConversationMembersTable>
export type MessageRow = Selectable<MessagesTable>

export async function findConversation(db: Executor, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Creates the conversation unless it exists (two friends opening it at once get the same one). */
export async function ensureConversation(db: Executor, row: ConversationRow): Promise<void> {
  await db
    .insertInto('conversations')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function findDirect(db: Executor, directKey: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('direct_key', '=', directKey).executeTakeFirst()
}

export async function ensureMembers(db: Executor, conversationId: string, userIds: string[], now: number) {
  if (userIds.length === 0) return
  await db
    .insertInto('conversation_members')
    .values(
      userIds.map((user_id) => ({
        conversation_id: conversationId,
        user_id,
        last_read_seq: 0,
        last_delivered_seq: 0,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .execute()
}

export async function membersOf(db: Executor, conversationIds: string[]): Promise<MemberRow[]> {
  if (conversationIds.length === 0) return []
  return db.selectFrom('conversation_members').selectAll().where('conversation_id', 'in', conversationIds).execute()
}

export async function isMemberRow(db: Executor, conversationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

/** The conversations a person has a member row in, most recent first. */
export async function conversationsOf(db: Db, userId: string): Promise<Array<ConversationRow & MemberRow>> {
  return db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .selectAll(['c', 'm'])
    .where('m.user_id', '=', userId)
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/**
 * Takes the next `count` numbers in the conversation and returns the last of them. On PostgreSQL the row stays
 * locked until commit, so numbers commit in order; SQLite has one writer at a time anyway.
 */
export async function takeSeqs(db: Executor, conversationId: string, count: number, now: number): Promise<number> {
  const row = await db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', count), last_message_at: now }))
    .where('id', '=', conversationId)
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return Number(row.last_seq)
}

/** Group conversations' members now, by conversation id: the group's membership is the chat's. */
export async function groupMembersNow(db: Executor, conversationIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(conversationIds.map((id) => [id, []]))
  if (conversationIds.length === 0) return members
  const rows = await db
    .selectFrom('groups as g')
    .innerJoin('group_members as gm', 'gm.group_id', 'g.id')
    .select(['g.conversation_id', 'gm.user_id'])
    .where('g.conversation_id', 'in', conversationIds)
    .orderBy('gm.joined_at')
    .orderBy('gm.user_id')
    .execute()
  for (const row of rows) members.get(row.conversation_id)?.push(row.user_id)
  return members
}

export async function insertMessage(db: Executor, message: MessageRow, secret: string | null, recipients: string[]) {
  await db.insertInto('messages').values(message).execute()
  if (secret === null) return
  await db.insertInto('message_secrets').values({ message_id: message.id, text: secret }).execute()
  if (recipients.length > 0) {
    await db
      .insertInto('burn_recipients')
      .values(recipients.map((user_id) => ({ message_id: message.id, user_id })))
      .execute()
  }
}

/** Raises a member's read and delivered marks, never lowers them. */
export async function markRead(db: Executor, conversationId: string, userId: string, seq: number): Promise<void> {
  await db
    .updateTable('conversation_members')
    .set({
      last_read_seq: sql`case when last_read_seq < ${seq} then ${seq} else last_read_seq end`,
      last_delivered_seq: sql`case when last_delivered_seq < ${seq} then ${seq} else last_delivered_seq end`,
    })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute()
}

export async function markDelivered(db: Executor, conversationId: string, userId: string, seq: number) {
  await db
    .updateTable('conversation_members')
    .set({ last_delivered_seq: seq })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where('last_delivered_seq', '<', seq)
    .execute()
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function messagesBefore(db: Db, conversationId: string, beforeSeq: number | undefined, limit: number) {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('seq', 'desc')
    .limit(limit)
  if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq)
  return query.execute()
}

export async function messagesAfter(db: Db, conversationId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute()
}

export async function messagesByIds(db: Db, ids: string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('messages').selectAll().where('id', 'in', ids).execute()
}

/** The newest message of each conversation, by number. */
export async function lastMessagesOf(db: Db, conversations: Array<{ id: string; last_seq: number }>) {
  const wanted = conversations.filter((c) => c.last_seq > 0)
  if (wanted.length === 0) return []
  return db
    .selectFrom('messages')
    .selectAll()
    .where((eb) => eb.or(wanted.map((c) => eb.and([eb('conversation_id', '=', c.id), eb('seq', '=', c.last_seq)]))))
    .execute()
}

/** Which of these burn messages the viewer may still open. */
export async function openableBy(db: Db, userId: string, messageIds: string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('burn_recipients')
    .select('message_id')
    .where('user_id', '=', userId)
    .where('message_id', 'in', messageIds)
    .execute()
  return new Set(rows.map((r) => r.message_id))
}

/** A recipient opens a burn message: their right to open it is used up. False: they had none (left). */
export async function takeOpening(db: Executor, messageId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('burn_recipients')
    .where('message_id', '=', messageId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

export async function secretOf(db: Executor, messageId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('message_secrets')
    .select('text')
    .where('message_id', '=', messageId)
    .executeTakeFirst()
  return row?.text
}

export async function openingsLeft(db: Executor, messageId: string): Promise<number> {
  const row = await db
    .selectFrom('burn_recipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Deletes the text for good and marks the message burned. */
/**
 * Burns a message unless it already was: true for the one caller that did. The stamp goes first, so that of two
 * processes burning at once the second waits on the row and then finds it burned.
 */
export async function burn(db: Executor, messageId: string, now: number): Promise<boolean> {
  const stamped = await db
    .updateTable('messages')
    .set({ burned_at: now })
    .where('id', '=', messageId)
    .where('burned_at', 'is', null)
    .executeTakeFirst()
  if (Number(stamped.numUpdatedRows) === 0) return false
  await db.deleteFrom('burn_recipients').where('message_id', '=', messageId).execute()
  await db.deleteFrom('message_secrets').where('message_id', '=', messageId).execute()
  return true
}

/** Burn messages past their time that still have their text. */
export async function expiredBurns(db: Db, now: number, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('burned_at', 'is', null)
    .where('burn_expires_at', '<=', now)
    .orderBy('burn_expires_at')
    .limit(limit)
    .execute()
}

/** The conversations that carry this image in a message. */
export async function conversationsWithMedia(db: Db, mediaId: string): Promise<string[]> {
  const rows = await db.selectFrom('messages').select('conversation_id').where('media_id', '=', mediaId).execute()
  return [...new Set(rows.map((r) => r.conversation_id))]
}
