import type { OpenedMessage } from '../../shared/api/chat.js'
import type { Actor } from '../accounts/service.js'
import type { Database } from '../db/database.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { MessageBurnedError } from './errors.js'
import type { ChatDeps, ChatService } from './service.js'
import { burn, expiredBurns, findMessage, openingsLeft, secretOf, takeOpening, type MessageRow } from './store.js'

/**
 * 閱後即焚. A burn message's text lives in one row of `message_secrets` and is never part of a list, a push, a log or
 * a notification. Each recipient may open it once; the last opening (or the 72-hour expiry) deletes the row in the
 * same transaction. Deletion is physical: SQLite runs with secure_delete, which zeroes the freed bytes, and the WAL,
 * which still holds the page as it was, is checkpointed and truncated right after, in a worker thread. A reader in
 * the WAL (a backup, a `sqlite3` shell) holds that back; the worker then retries it every second until it gets
 * through, and no request waits for it: the text is already unreadable through the API.
 */
export class BurnService {
  constructor(
    private readonly deps: ChatDeps,
    private readonly chat: ChatService,
    private readonly database: Database,
  ) {}

  async open(actor: Actor, messageId: string): Promise<OpenedMessage> {
    const message = await findMessage(this.deps.db, messageId)
    if (!message || message.burn_seconds === null) throw new NotFoundError()
    const { memberIds } = await this.chat.membership(actor, message.conversation_id)
    if (message.sender_id === actor.id) throw new ForbiddenError()
    if (message.burned_at !== null) throw new MessageBurnedError()
    if ((message.burn_expires_at ?? 0) <= this.deps.clock()) {
      await this.burnNow(message, memberIds)
      throw new MessageBurnedError()
    }

    const opened = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await takeOpening(trx, message.id, actor.id))) return undefined
      const text = await secretOf(trx, message.id)
      if (text === undefined) return undefined
      // Burned here, not by an expiry that got there first: only then does this opening announce it.
      const last = (await openingsLeft(trx, message.id)) === 0 && (await burn(trx, message.id, this.deps.clock()))
      return { text, last }
    })
    if (!opened) throw new MessageBurnedError()
    if (opened.last) await this.afterBurn(message, memberIds)
    return { text: opened.text, seconds: message.burn_seconds }
  }

  /** Burns what nobody opened in time; the housekeeping loop calls it. Returns how many it burned itself. */
  async expire(limit = 200): Promise<number> {
    const due = await expiredBurns(this.deps.db, this.deps.clock(), limit)
    let burned = 0
    for (const message of due) {
      const members = await this.chat.membersOfConversation(message.conversation_id)
      if (await this.burnNow(message, members)) burned++
    }
    return burned
  }

  /** Only the caller that burned it tells the members, so `message.burned` goes out once across processes. */
  private async burnNow(message: MessageRow, memberIds: string[]): Promise<boolean> {
    const burned = await this.deps.db.transaction().execute((trx) => burn(trx, message.id, this.deps.clock()))
    if (burned) await this.afterBurn(message, memberIds)
    return burned
  }

  private async afterBurn(message: MessageRow, memberIds: string[]): Promise<void> {
    await this.database.checkpointer?.purge()
    await this.deps.push.toUsers(memberIds, {
      type: 'message.burned',
      data: { messageId: message.id, conversationId: message.conversation_id },
    })
  }
}
