import { monotonicFactory } from 'ulid'
import type { RedPacketView, SendRedPacketBody } from '../../shared/api/redpackets.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { PinService } from '../accounts/pin-service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import { announceCard, postCard } from '../chat/cards.js'
import type { ChatService } from '../chat/service.js'
import type { MessageRow } from '../chat/store.js'
import { messageView } from '../chat/view.js'
import type { PersonView } from '../../shared/api/social.js'
import type { Db } from '../db/database.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { SYSTEM_ACCOUNTS, walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import type { EventHub } from '../events/hub.js'
import type { Push } from '../realtime/push.js'
import type { SocialService } from '../social/service.js'
import { refusal } from '../wallet/outcome.js'
import { AlreadyClaimedError, RedPacketEmptyError, RedPacketExpiredError } from './errors.js'
import { bestLuckIndex, splitPacket } from './split.js'
import {
  claimsOf,
  expiredPackets,
  expirePacket,
  findClaim,
  findPacket,
  insertPacket,
  recordClaim,
  takeShare,
  type PacketRow,
} from './store.js'

const newId = monotonicFactory()
const CLOSED_PACKETS_REMEMBERED = 10_000

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
 * Claims are ledger commands, so a storm of them on one packet is written in a few group-committed batches rather
 * than one transaction each; a packet this process has seen run out is refused without touching the database.
 */
export class RedPacketService {
  /** Packets this process knows are finished or expired: their late claimers are answered from memory. */
  private readonly closed = new Map<string, 'finished' | 'expired'>()

  constructor(private readonly deps: RedPacketDeps) {}

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
      refusal(result) ?? { status: 201, body: { id: packet.id, message: this.cardFor(sender, message!) } }
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
  async claim(actor: Actor, packetId: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const packet = await findPacket(this.deps.db, packetId)
    if (!packet) throw new NotFoundError()
    const { conversation, memberIds } = await this.deps.chat.membership(actor, packet.conversation_id)
    // In a direct chat the packet is for the other one; in a group the sender may grab too, as in WeChat.
    if (conversation.kind === 'direct' && packet.sender_id === actor.id) throw new ForbiddenError()
    const closed = this.closed.get(packet.id)
    if (closed) return this.lateClaim(actor, packet, closed)
    const now = this.deps.clock()
    const shares = JSON.parse(packet.shares) as number[]
    const transferId = `red-packet-claim:${packet.id}:${actor.id}`
    let amount = 0
    let finished = false
    const toResponse = (result: Parameters<typeof refusal>[0]): StoredResponse =>
      refusal(result) ?? { status: 200, body: { amount, currency: 'CNY' } }
    const transfer = {
      id: transferId,
      kind: 'single' as const,
      debitAccountId: SYSTEM_ACCOUNTS.redPackets,
      creditAccountId: walletAccountId(actor.id),
      amount: 1,
      code: 'red_packet' as const,
      refType: 'red_packet',
      refId: packet.id,
    }
    const result = await this.deps.ledger.submit({
      transfers: [transfer],
      effects: async (trx) => {
        if (await findClaim(trx, packet.id, actor.id)) throw new AlreadyClaimedError()
        const index = await takeShare(trx, packet.id, now)
        if (index === undefined) {
          throw packet.expires_at <= now ? new RedPacketExpiredError() : new RedPacketEmptyError()
        }
        amount = shares[index]!
        finished = index === packet.count - 1
        await recordClaim(
          trx,
          { packet_id: packet.id, user_id: actor.id, share_index: index, amount, claimed_at: now },
          finished,
        )
        return [{ ...transfer, amount }]
      },
      remember: { ...scope, response: toResponse },
    })
    const response = toResponse(result)
    const code = (response.body as { error?: { code?: string } }).error?.code
    if (code === 'RED_PACKET_EMPTY' || finished) this.remember(packet.id, 'finished')
    if (response.status === 200) {
      this.deps.events.emit({
        type: 'red_packet.claimed',
        packetId: packet.id,
        senderId: packet.sender_id,
        actorId: actor.id,
        amount,
        greeting: packet.greeting,
      })
      await this.announceClaim(packet, actor.id, amount, finished, memberIds)
    }
    return response
  }

  async get(actor: Actor, packetId: string): Promise<RedPacketView> {
    const packet = await findPacket(this.deps.db, packetId)
    if (!packet) throw new NotFoundError()
    await this.deps.chat.membership(actor, packet.conversation_id)
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
        this.remember(packet.id, 'expired')
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

  private remember(packetId: string, state: 'finished' | 'expired'): void {
    this.closed.set(packetId, state)
    // Bounded: the oldest go first; forgetting one only costs its late claimers a query.
    if (this.closed.size > CLOSED_PACKETS_REMEMBERED) this.closed.delete(this.closed.keys().next().value!)
  }

  private async lateClaim(actor: Actor, packet: PacketRow, closed: 'finished' | 'expired'): Promise<never> {
    if (await findClaim(this.deps.db, packet.id, actor.id)) throw new AlreadyClaimedError()
    throw closed === 'expired' ? new RedPacketExpiredError() : new RedPacketEmptyError()
  }

  private async announceClaim(
    packet: PacketRow,
    userId: string,
    amount: number,
    finished: boolean,
    memberIds: string[],
  ) {
    const data = { packetId: packet.id, conversationId: packet.conversation_id, userId, amount, finished }
    // Each claim concerns the sender and the claimer; the packet running out concerns everyone who may still try.
    await this.deps.push.toUsers(finished ? memberIds : [packet.sender_id, userId], {
      type: 'red_packet.claimed',
      data,
    })
  }

  private cardFor(sender: PersonView, message: MessageRow) {
    const people = new Map([[sender.id, sender]])
    return messageView(message, sender.id, { people, media: new Map(), openable: new Set(), members: [] })
  }
}
