import type { ChatTransferBody } from '../../shared/api/chat.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import { ValidationError } from '../errors.js'
import type { IdempotencyScope, StoredResponse } from '../idempotency/service.js'
import type { Push } from '../realtime/push.js'
import type { WalletService } from '../wallet/service.js'
import { announceCard, postCard, senderCardView } from './cards.js'
import type { ChatService } from './service.js'
import type { MessageRow } from './store.js'

/**
 * 轉賬 inside a direct chat: a wallet transfer to the other person whose card is posted in the same transaction as
 * the money, so that the chat never shows a transfer that did not happen, nor misses one that did.
 */
export class ChatTransfers {
  constructor(
    private readonly chat: ChatService,
    private readonly wallet: WalletService,
    private readonly accounts: AccountsService,
    private readonly push: Push,
    private readonly clock: () => number,
  ) {}

  async send(
    actor: Actor,
    conversationId: string,
    body: ChatTransferBody,
    scope: IdempotencyScope,
  ): Promise<StoredResponse> {
    const membership = await this.chat.membership(actor, conversationId)
    const peer = membership.memberIds.find((id) => id !== actor.id)
    if (membership.conversation.kind !== 'direct' || !peer) throw new ValidationError('conversationId')
    const sender = (await this.accounts.profiles([actor.id])).get(actor.id)!
    const note = body.note?.trim() || ''
    let message: MessageRow | undefined
    const response = await this.wallet.transfer(
      actor,
      { toUserId: peer, amount: body.amount, pin: body.pin, ...(note ? { note } : {}) },
      scope,
      {
        effects: async (trx, transferId) => {
          const card = { type: 'transfer' as const, refId: transferId, text: note, amount: body.amount }
          message = await postCard(trx, membership, actor.id, card, this.clock())
        },
        body: () => ({
          message: senderCardView(message!, sender),
        }),
      },
    )
    if (response.status === 201 && message) await announceCard(this.chat, this.push, message, membership.memberIds)
    return response
  }
}
