import { monotonicFactory } from 'ulid'
import type { RedPacketView, SendRedPacketBody } from '../../shared/api/redpackets.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import { announceCard, postCard, senderCardView } from '../chat/cards.js'
import type { ChatService } from '../chat/service.js'
import type { MessageRow } from '../chat/store.js'
import type { Db } from '../db/database.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { EventHub } from '../events/hub.js'
import type { Push } from '../realtime/push.js'
import type { SocialService } from '../social/service.js'
import { refusal } from '../wallet/outcome.js'
import { RedPacketClaims } from './claims.js'
import { RedPacketExpiredError } from './errors.js'
import { bestLuckIndex, splitPacket } from './split.js'
import { claimsOf, expiredPackets, expirePacket, findPacket, insertPacket, type PacketRow } from './store.js'

const newId = monotonicFactory()

export interface RedPacketRules {
  /** Fen per packet at most (¥200). */
  maxTotal: number
  /** Shares per packet at most (100). */
  maxCount: number
  /** Unclaimed money returns to the sender after this long (24 hours). */
  expiryMs: number
}

export interface RedPacketDeps {
  db: Db
  ledger: LedgerService
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  social: SocialService
  chat: ChatService
  push: Push
  events: EventHub
  clock: () => number
  rules: RedPacketRules
}

/**
 * 紅包. Sending pays the whole packet into the red-packet holding account at once and posts its card, in one ledger
 * transaction. Every share is drawn then, so a claim only has to take the next one: the packet row's guarded counter
 * lets exactly `count` claims through, each paying its share from the holding account in the same transaction.
 * Claims take the hot-spot path in claims.ts.
 */
export class RedPacketService {
  private readonly claims: RedPacketClaims

  constructor(private readonly deps: RedPacketDeps) {
    this.claims = new RedPacketClaims(deps)
  }

  async send(actor: Actor, conversationId: string, body: SendRedPacketBody, scope: IdempotencyScope) {
    const membership = await this.deps.chat.membership(actor, conversationId)
    const { rules } = this.deps
    if (body.total > rules.maxTotal) throw new ValidationError('total')
    if (body.count > rules.maxCount) throw new ValidationError('count')
    if (body.total < body.count) throw new ValidationError('total')
    if (body.type === 'equal' && body.total % body.count !== 0) throw new ValidationError('total')
    const direct = membership.conversation.kind === 'direct'
    if (direct && body.count !== 1) throw new ValidationError('count')
    const peer = direct ? membership.memberIds.find((id) => id !== actor.id) : undefined
    if (peer && (await this.deps.social.isBlockedEitherWay(actor.id, peer))) throw new ForbiddenError()
    await this.deps.realNames.requireVerified(actor.id)
    await this.deps.pins.verify(actor.id, body.pin)

    const sender = (await this.deps.accounts.profiles([actor.id])).get(actor.id)!
    const now = this.deps.clock()
    const packet: PacketRow = {
      id: newId(),
      conversation_id: conversationId,
      sender_id: actor.id,
      type: body.type,
      total: body.total,
      count: body.count,
      greeting: body.greeting?.trim() || '',
      shares: JSON.stringify(splitPacket(body.type, body.total, body.count)),
      claimed_count: 0,
      claimed_amount: 0,
      status: 'active',
      expires_at: now + rules.expiryMs,
      settled_at: null,
      created_at: now,
    }
    let message: MessageRow | undefined
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? { status: 201, body: { id: packet.id, message: senderCardView(message!, sender) } }
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferIdFor(scope, 'red-packet'),
          kind: 'single',
          debitAccountId: walletAccountId(actor.id),
          creditAccountId: SYSTEM_ACCOUNTS.redPackets,
          amount: packet.total,
          code: 'red_packet',
          refType: 'red_packet',
          refId: packet.id,
          ...(packet.greeting ? { note: packet.greeting } : {}),
        },
      ],
      effects: async (trx) => {
        await insertPacket(trx, packet)
        message = await postCard(
          trx,
          membership,
          actor.id,
          { type: 'red_packet', refId: packet.id, text: packet.greeting, amount: null },
          now,
        )
      },
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    if (response.status === 201) await announceCard(this.deps.chat, this.deps.push, message!, membership.memberIds)
    return response
  }

  /** Takes the next share for a member who has none yet. */
  claim(actor: Actor, packetId: string, scope: IdempotencyScope): Promise<StoredResponse> {
    return this.claims.claim(actor, packetId, scope)
  }

  async get(actor: Actor, packetId: string): Promise<RedPacketView> {
    const packet = await findPacket(this.deps.db, packetId)
    if (!packet) throw new NotFoundError()
    await this.deps.chat.requireMember(actor, packet.conversation_id)
    const claims = await claimsOf(this.deps.db, packet.id)
    const people = await this.deps.accounts.profiles([packet.sender_id, ...claims.map((c) => c.user_id)])
    const person = (id: string) => people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
    const best =
      packet.status === 'finished' && packet.type === 'lucky' ? bestLuckIndex(claims.map((c) => c.amount)) : -1
    return {
      id: packet.id,
      conversationId: packet.conversation_id,
      sender: person(packet.sender_id),
      type: packet.type as RedPacketView['type'],
      greeting: packet.greeting,
      total: packet.total,
      count: packet.count,
      currency: 'CNY',
      claims: claims.map((c, i) => ({
        user: person(c.user_id),
        amount: c.amount,
        at: new Date(c.claimed_at).toISOString(),
        bestLuck: i === best,
      })),
      remaining: packet.count - packet.claimed_count,
      ...(packet.sender_id === actor.id ? { remainingAmount: packet.total - packet.claimed_amount } : {}),
      myAmount: claims.find((c) => c.user_id === actor.id)?.amount ?? null,
      status: packet.status as RedPacketView['status'],
      expiresAt: new Date(packet.expires_at).toISOString(),
      createdAt: new Date(packet.created_at).toISOString(),
    }
  }

  /**
   * Returns what nobody claimed to the sender, 24 hours on; the housekeeping loop calls it. The amount is read in
   * the refund's own transaction, after every claim that got in first.
   */
  async expire(limit = 200): Promise<number> {
    let refunded = 0
    for (const packet of await expiredPackets(this.deps.db, this.deps.clock(), limit)) {
      const now = this.deps.clock()
      const transfer = {
        id: `red-packet-refund:${packet.id}`,
        kind: 'single' as const,
        debitAccountId: SYSTEM_ACCOUNTS.redPackets,
        creditAccountId: walletAccountId(packet.sender_id),
        amount: 1,
        code: 'red_packet_refund' as const,
        refType: 'red_packet',
        refId: packet.id,
      }
      let left = 0
      const result = await this.deps.ledger.submit({
        transfers: [transfer],
        effects: async (trx) => {
          const rest = await expirePacket(trx, packet.id, now)
          if (rest === undefined) throw new RedPacketExpiredError()
          // An active packet always has a share left, so there is always something to return.
          left = rest
          return [{ ...transfer, amount: left }]
        },
      })
      if (!('error' in result)) {
        this.claims.closed(packet.id, 'expired')
        refunded++
        this.deps.events.emit({
          type: 'red_packet.expired',
          packetId: packet.id,
          senderId: packet.sender_id,
          actorId: null,
          amount: left,
          greeting: packet.greeting,
        })
        await this.deps.push.toUsers([packet.sender_id], {
          type: 'red_packet.expired',
          data: { packetId: packet.id, conversationId: packet.conversation_id, refunded: left },
        })
      }
    }
    return refunded
  }
}
