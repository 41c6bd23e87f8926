import type { Database } from '../db/database.js'
import { GroupCommit } from '../db/group-commit.js'
import { NotFoundError } from '../errors.js'
import type { Executor } from '../ledger/store.js'
import { ensureMembers, groupMembersNow, insertMessage, markRead, takeSeqs, type MessageRow } from './store.js'

/** A message to store: everything but its number, which the batch gives it. */
export interface NewMessage {
  row: Omit<MessageRow, 'seq'>
  /** `group`: membership is the group's and is checked again inside the transaction. */
  group: boolean
  /** Everyone in the conversation as the sender's request found it (direct conversations never change). */
  memberIds: string[]
  /** A burn message's text, for message_secrets. */
  secret: string | null
}

/** The stored message, and everyone in the conversation at commit (who is told). */
export type Stored = { row: MessageRow; memberIds: string[] } | { error: NotFoundError }

const BATCH_MAX = 1000

/**
 * Group commit for messages, as the ledger's writer does for transfers: messages that arrive in the same turn of
 * the event loop (or while a batch is being written) go into one transaction — one fsync on SQLite — each still
 * numbered in arrival order and answered on its own. A conversation's numbers are taken with one update per batch,
 * under its row lock, so numbers still commit in order. A sender no longer in the group is refused alone.
 */
export class MessageWriter {
  private readonly batches: GroupCommit<NewMessage, Stored>

  constructor(database: Database) {
    this.batches = new GroupCommit(
      (messages) => database.db.transaction().execute((trx) => writeBatch(trx, messages)),
      { batchMax: BATCH_MAX },
    )
  }

  submit(message: NewMessage): Promise<Stored> {
    return this.batches.submit(message)
  }
}

async function writeBatch(trx: Executor, batch: NewMessage[]): Promise<Stored[]> {
  const groupIds = [...new Set(batch.filter((message) => message.group).map((message) => message.row.conversation_id))]
  const groupMembers = await groupMembersNow(trx, groupIds)
  const accepted = new Map<string, Array<{ index: number; message: NewMessage }>>()
  const results: Stored[] = batch.map((message, index) => {
    const conversationId = message.row.conversation_id
    const memberIds = message.group ? (groupMembers.get(conversationId) ?? []) : message.memberIds
    if (!memberIds.includes(message.row.sender_id)) return { error: new NotFoundError() }
    accepted.set(conversationId, [...(accepted.get(conversationId) ?? []), { index, message }])
    return { row: { ...message.row, seq: 0 }, memberIds }
  })
  // Conversations in id order: two processes writing batches lock their rows in the same order.
  for (const conversationId of [...accepted.keys()].sort()) {
    const items = accepted.get(conversationId)!
    const first = items[0]!
    const memberIds = (results[first.index] as { memberIds: string[] }).memberIds
    const now = first.message.row.created_at
    await ensureMembers(trx, conversationId, memberIds, now)
    let seq = (await takeSeqs(trx, conversationId, items.length, now)) - items.length
    const readUpTo = new Map<string, number>()
    for (const { index, message } of items) {
      const row: MessageRow = { ...message.row, seq: ++seq }
      results[index] = { row, memberIds }
      const recipients = memberIds.filter((id) => id !== row.sender_id)
      await insertMessage(trx, row, message.secret, recipients)
      readUpTo.set(row.sender_id, row.seq)
    }
    // Sending marks one's own messages read: once per sender, at their newest.
    for (const [senderId, upTo] of readUpTo) await markRead(trx, conversationId, senderId, upTo)
  }
  return results
}
