import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import { CannotTipYourselfError } from '../feed/errors.js'
import type { FeedService } from '../feed/service.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import { RecipientNotVerifiedError } from '../wallet/errors.js'
import { respond, transactionView } from '../wallet/outcome.js'
import { EventNotLiveError } from './errors.js'
import { newDmid, type LiveService } from './service.js'

const newId = monotonicFactory()

/**
 * 打賞 in a live event: exactly a post tip — 1–99 fen drawn here, no PIN, under the same password-free daily cap —
 * to the host, and shown to the room as a special danmaku once the money has moved.
 */
export class LiveTips {
  constructor(
    private readonly live: LiveService,
    private readonly feed: FeedService,
    private readonly ledger: LedgerService,
    private readonly accounts: AccountsService,
    private readonly realNames: RealNameService,
    private readonly clock: () => number,
  ) {}

  async tip(actor: Actor, eventId: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const event = await this.live.find(eventId)
    if (event.host_id === actor.id) throw new CannotTipYourselfError()
    await this.realNames.requireVerified(actor.id)
    if (event.status !== 'live') throw new EventNotLiveError()
    if (!(await this.realNames.isVerified(event.host_id))) throw new RecipientNotVerifiedError()

    const amount = crypto.randomInt(1, 100)
    const host = (await this.accounts.profiles([event.host_id])).get(event.host_id) ?? null
    const wallet = walletAccountId(actor.id)
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([transfer]) => ({
        status: 201,
        body: { amount: transfer!.amount, transaction: transactionView(transfer!, wallet, host) },
      }))
    const result = await this.ledger.submit({
      transfers: [
        {
          id: transferIdFor(scope, 'live-tip'),
          kind: 'single',
          debitAccountId: wallet,
          creditAccountId: walletAccountId(event.host_id),
          amount,
          code: 'tip',
          refType: 'live_event',
          refId: event.id,
        },
      ],
      effects: (trx) => this.feed.countTip(trx, actor.id, amount),
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    if (response.status === 201) {
      const tipper = (await this.accounts.profiles([actor.id])).get(actor.id)
      const now = this.clock()
      await this.live.store({
        id: newId(),
        event_id: event.id,
        user_id: actor.id,
        text: `${tipper?.displayName ?? ''} 打赏了 ¥${(amount / 100).toFixed(2)}`,
        video_time: Math.max(0, (now - (event.started_at ?? now)) / 1000),
        mode: 'top',
        font_size: 25,
        color: 0xffb400,
        pool: 0,
        sender_hash: null,
        dmid: newDmid(),
        weight: null,
        kind: 'tip',
        amount,
        recalled_at: null,
        created_at: now,
      })
    }
    return response
  }
}
