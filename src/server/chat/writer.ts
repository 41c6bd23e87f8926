import type { Database } from '../db/database.js'
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

interface Queued {
  message: NewMessage
  resolve: (result: Stored) => void
  reject: (error: unknown) => void
}

const BATCH_MAX = 1000

/**
 * Group commit for messages, as the ledger's writer does for transfers: messages that arrive in the same turn of
 * the event loop (or while a batch is being written) go into one transaction — one fsync on SQLite — each still
 * numbered in arrival order and answered on its own. A conversation's numbers are taken with one update per batch,
 * under its row lock, so numbers still commit in order. A sender no longer in the group is refused alone.
 */
export class MessageWriter {
  private queue: Queued[] = []
  private flushing: Promise<void> | undefined

  constructor(private readonly database: Database) {}

  submit(message: NewMessage): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject })
      this.flushing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drainQueue())
    })
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitOrSplit(this.queue.splice(0, BATCH_MAX))
    } finally {
      this.flushing = undefined
    }
  }

  /** A batch that fails as a whole is retried one message at a time, so that one bad message fails alone. */
  private async commitOrSplit(batch: Queued[]): Promise<void> {
    try {
      const results = await this.database.db.transaction().execute((trx) => writeBatch(trx, batch))
      batch.forEach((item, i) => item.resolve(results[i]!))
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error)
      for (const item of batch) await this.commitOrSplit([item])
    }
  }
}

async function writeBatch(trx: Executor, batch: Queued[]): Promise<Stored[]> {
  const groupIds = [...new Set(batch.filter((q) => q.message.group).map((q) => q.message.row.conversation_id))]
  const groupMembers = await groupMembersNow(trx, groupIds)
  const accepted = new Map<string, Array<{ index: number; message: NewMessage }>>()
  const results: Stored[] = batch.map(({ message }, index) => {
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
